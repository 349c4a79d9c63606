package io.curvature.workers;

/**
 * Binary logistic loss, label y in {-1, +1}: l(m) = log(1 + exp(-y m)), l'(m) = -y sigma(-y m),
 * l''(m) = sigma(y m) sigma(-y m).
 *
 * <p>All three come from a single exp(-|y m|), so a fused pass pays one exp and one log a row.
 */
public final class LogisticLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  /** The loss (stateless: one instance, also after deserialization). */
  public static final LogisticLoss INSTANCE = new LogisticLoss();

  private LogisticLoss() {}

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public LabelDomain labelDomain() {
    return LabelDomain.BINARY;
  }

  @Override
  public double evaluate(double margin, double label, double[] out) {
    double z = label * margin;
    double e = Math.exp(-Math.abs(z));          // in (0, 1]: never overflows
    double onePlusE = 1.0 + e;
    double loss;
    double sigmaMinusZ;                          // sigma(-z) = probability of the wrong label
    if (z >= 0) {
      loss = log1p(e, onePlusE);
      sigmaMinusZ = e / onePlusE;
    } else {
      loss = -z + log1p(e, onePlusE);
      sigmaMinusZ = 1.0 / onePlusE;
    }
    out[0] = -label * sigmaMinusZ;
    out[1] = e / (onePlusE * onePlusE);          // sigma(z) sigma(-z), symmetric in z
    return loss;
  }

  /**
   * log(1 + e) for e in [0, 1], given u = 1 + e rounded. Math.log1p is not a JIT intrinsic and costs several times
   * Math.log, which matters once per row per pass; log(u) * e / (u - 1) cancels the rounding of u and is accurate to
   * a few ulps (Goldberg, "What every computer scientist should know about floating-point arithmetic", Thm. 4).
   */
  static double log1p(double e, double u) {
    return u == 1.0 ? e : Math.log(u) * e / (u - 1.0);
  }

  @Override
  public double curvature(double margin, double label) {
    double e = Math.exp(-Math.abs(label * margin));
    double onePlusE = 1.0 + e;
    return e / (onePlusE * onePlusE);
  }

  @Override
  public double value(double margin, double label) {
    return Numerics.log1pExp(-label * margin);
  }
}
