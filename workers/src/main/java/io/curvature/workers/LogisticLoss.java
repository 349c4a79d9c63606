package io.curvature.workers;

/**
 * Binary logistic loss of one row as a function of its margin m = w.x (+ intercept), label y in {-1, +1}:
 * l(m) = log(1 + exp(-y m)), l'(m) = -y sigma(-y m), l''(m) = sigma(y m) sigma(-y m).
 *
 * <p>All three come from a single exp(-|y m|) so a fused pass pays one exp and one log1p a row.
 */
public final class LogisticLoss {
  private LogisticLoss() {}

  /** Loss l(m); also writes l'(m) into {@code out[0]} and l''(m) into {@code out[1]}. */
  public static double evaluate(double margin, double label, double[] out) {
    double z = label * margin;
    double e = Math.exp(-Math.abs(z));          // in (0, 1]: never overflows
    double onePlusE = 1.0 + e;
    double loss;
    double sigmaMinusZ;                          // sigma(-z) = probability of the wrong label
    if (z >= 0) {
      loss = Math.log1p(e);
      sigmaMinusZ = e / onePlusE;
    } else {
      loss = -z + Math.log1p(e);
      sigmaMinusZ = 1.0 / onePlusE;
    }
    out[0] = -label * sigmaMinusZ;
    out[1] = e / (onePlusE * onePlusE);          // sigma(z) sigma(-z), symmetric in z
    return loss;
  }

  /** l''(m) alone, for recomputing curvature weights from margins. */
  public static double curvature(double margin, double label) {
    double e = Math.exp(-Math.abs(label * margin));
    double onePlusE = 1.0 + e;
    return e / (onePlusE * onePlusE);
  }

  /** l(m) alone. */
  public static double value(double margin, double label) {
    return Numerics.log1pExp(-label * margin);
  }
}
