package io.curvature.driver.solvers;

/**
 * The L1 part sum_j c_j |w_j| of an objective, and the minimum-norm subgradient of F = f + sum c_j |w_j| (OWL-QN's
 * pseudo-gradient, Andrew and Gao 2007): g_j + c_j sign(w_j) off zero; at zero the subgradient interval
 * [g_j - c_j, g_j + c_j] shrunk to its point nearest 0.
 */
public final class L1 {
  private L1() {}

  /** sum_j c_j |w_j| (0 when c is null). */
  public static double value(double[] w, double[] c) {
    if (c == null) {
      return 0.0;
    }
    double s = 0.0;
    for (int j = 0; j < w.length; j++) {
      s += c[j] * Math.abs(w[j]);
    }
    return s;
  }

  /** The minimum-norm subgradient of f + sum c_j |w_j| at w, g the gradient of f (a copy of g when c is null). */
  public static double[] pseudoGradient(double[] w, double[] g, double[] c) {
    if (c == null) {
      return g.clone();
    }
    double[] p = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      if (w[j] > 0) {
        p[j] = g[j] + c[j];
      } else if (w[j] < 0) {
        p[j] = g[j] - c[j];
      } else if (g[j] + c[j] < 0) {
        p[j] = g[j] + c[j];
      } else if (g[j] - c[j] > 0) {
        p[j] = g[j] - c[j];
      }
    }
    return p;
  }

  /**
   * The stationarity measure of F at w: ||g|| for a smooth objective (c null), else the norm of the minimum-norm
   * subgradient. Every solver's stopping test, the diagnostics' gap bound and warm starts' reference scale use it.
   */
  public static double stationarity(double[] w, double[] g, double[] c) {
    return io.curvature.driver.linalg.Vectors.norm(c == null ? g : pseudoGradient(w, g, c));
  }

  /** Whether any weight is positive. */
  static boolean active(double[] c) {
    if (c == null) {
      return false;
    }
    for (double x : c) {
      if (x > 0) {
        return true;
      }
    }
    return false;
  }
}
