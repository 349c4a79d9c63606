package io.curvature.workers;

/**
 * Squared hinge, label y in {-1, +1}: l(m) = max(0, 1 - y m)^2, LIBLINEAR's {@code -s 2} (L2-loss SVM) in MLlib's
 * scaling (its objective C sum l + |w|^2/2 divided by n C, lambda = 1/(n C)). l' = -2 y max(0, 1 - y m); l is not
 * twice differentiable at y m = 1, and l'' = 2 on 1 - y m > 0, else 0, is the generalized Hessian LIBLINEAR's
 * trust-region Newton uses (Lin, Weng and Keerthi 2008, section 5).
 */
public final class SquaredHingeLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  /** The loss (stateless: one instance, also after deserialization). */
  public static final SquaredHingeLoss INSTANCE = new SquaredHingeLoss();

  private SquaredHingeLoss() {}

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public String name() {
    return "squared-hinge";
  }

  @Override
  public LabelDomain labelDomain() {
    return LabelDomain.BINARY;
  }

  @Override
  public double evaluate(double margin, double label, double[] out) {
    double z = 1.0 - label * margin;
    if (z > 0) {
      out[0] = -2.0 * label * z;
      out[1] = 2.0;
      return z * z;
    }
    out[0] = 0.0;
    out[1] = 0.0;
    return 0.0;
  }

  @Override
  public double curvature(double margin, double label) {
    return 1.0 - label * margin > 0 ? 2.0 : 0.0;
  }
}
