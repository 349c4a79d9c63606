package io.curvature.workers;

/**
 * Least squares, l(m) = (m - y)^2 / 2 (MLlib's LinearRegression scaling: the objective is 1/(2W) sum s_i r_i^2),
 * l' = m - y, l'' = 1: the Hessian X^T S X does not depend on the point.
 */
public final class SquaredLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  /** The loss (stateless: one instance, also after deserialization). */
  public static final SquaredLoss INSTANCE = new SquaredLoss();

  private SquaredLoss() {}

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public String name() {
    return "squared";
  }

  @Override
  public LabelDomain labelDomain() {
    return LabelDomain.REAL;
  }

  @Override
  public double evaluate(double margin, double label, double[] out) {
    double r = margin - label;
    out[0] = r;
    out[1] = 1.0;
    return 0.5 * r * r;
  }

  @Override
  public double curvature(double margin, double label) {
    return 1.0;
  }
}
