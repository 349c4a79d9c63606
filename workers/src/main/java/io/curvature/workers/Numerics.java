package io.curvature.workers;

/** Overflow-safe scalar functions shared by every kernel. Never write {@code Math.log(1 + Math.exp(z))}. */
public final class Numerics {
  private Numerics() {}

  /** log(1 + exp(z)), exact to rounding for every finite z (no overflow for large z, no loss for very negative z). */
  public static double log1pExp(double z) {
    // For z > 0, log(1 + e^z) = z + log(1 + e^-z): exp of a non-positive number never overflows.
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** The logistic function 1 / (1 + exp(-z)), computed from exp of a non-positive argument only. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
