package io.curvature.driver.linalg;

import java.util.SplittableRandom;

/**
 * Extreme eigenvalues of a symmetric positive semi-definite-or-not operator by the power method (Golub and Van Loan,
 * 4th ed., 8.2.1): the largest in magnitude from x <- A x, then the other end of the spectrum from the shifted
 * operator sigma I - A with sigma the first estimate, whose dominant eigenvalue is sigma - lambda_min. Each estimate
 * is the Rayleigh quotient of the last iterate, with its residual ||A x - theta x|| (A has an eigenvalue within it).
 * Lanczos finds both ends faster from the same products; the power method is the simple, independent cross-check
 * (no basis kept, no tridiagonal), and what users of other tools know.
 */
public final class PowerIteration {
  private PowerIteration() {}

  /** An estimate: the Rayleigh quotient, its residual bound and the products it cost. */
  public record Estimate(double value, double residual, int products) {}

  /** The two ends: {@code steps / 2} products (at least 1) for each. */
  public record Result(Estimate largest, Estimate smallest) {}

  public static Result run(Lanczos.Operator a, int steps, long seed) {
    int each = Math.max(1, steps / 2);
    Estimate top = dominant(a, 0.0, each, seed);
    double sigma = top.value();
    Estimate shifted = dominant(a, sigma, each, seed + 1);
    // The shifted operator's eigenvalue is sigma - lambda; its residual bounds lambda's the same way.
    return new Result(top, new Estimate(sigma - shifted.value(), shifted.residual(), shifted.products()));
  }

  /** The dominant eigenvalue of (shift I - A) when shift != 0, else of A, by {@code steps} products. */
  private static Estimate dominant(Lanczos.Operator a, double shift, int steps, long seed) {
    int d = a.dimension();
    double[] x = new double[d];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < d; i++) {
      x[i] = random.nextDouble() - 0.5;
    }
    Vectors.scale(1 / Vectors.norm(x), x);
    double[] ax = new double[d];
    double theta = 0;
    double residual = Double.POSITIVE_INFINITY;
    for (int k = 0; k < steps; k++) {
      apply(a, shift, x, ax);
      theta = Vectors.dot(x, ax);
      double r = 0;
      for (int i = 0; i < d; i++) {
        double e = ax[i] - theta * x[i];
        r += e * e;
      }
      residual = Math.sqrt(r);
      double norm = Vectors.norm(ax);
      if (!(norm > 0)) {
        break;                                         // x is in the null space: eigenvalue 0, exact
      }
      for (int i = 0; i < d; i++) {
        x[i] = ax[i] / norm;
      }
    }
    return new Estimate(theta, residual, steps);
  }

  private static void apply(Lanczos.Operator a, double shift, double[] x, double[] out) {
    a.apply(x, out);
    if (shift != 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = shift * x[i] - out[i];
      }
    }
  }
}
