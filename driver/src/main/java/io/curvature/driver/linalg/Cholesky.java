package io.curvature.driver.linalg;

import java.util.Optional;

/**
 * Cholesky factorization A = L L^T of a symmetric positive definite matrix (row-major, n x n) and solves with it.
 * Used by exact Newton on the driver, where n is at most a few thousand.
 */
public final class Cholesky {
  private final int n;
  private final double[] lower;

  private Cholesky(int n, double[] lower) {
    this.n = n;
    this.lower = lower;
  }

  /**
   * Factors {@code a} (only its lower triangle is read; {@code a} is not modified), or returns empty when a pivot is
   * not positive, i.e. the matrix is not numerically positive definite.
   */
  public static Optional<Cholesky> factor(double[] a, int n) {
    if ((long) n * n != a.length) {
      throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n + " x " + n);
    }
    double[] l = new double[n * n];
    for (int j = 0; j < n; j++) {
      int rowJ = j * n;
      double pivot = a[rowJ + j];
      for (int k = 0; k < j; k++) {
        pivot -= l[rowJ + k] * l[rowJ + k];
      }
      if (!(pivot > 0)) {
        return Optional.empty();
      }
      double ljj = Math.sqrt(pivot);
      l[rowJ + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        int rowI = i * n;
        double s = a[rowI + j];
        for (int k = 0; k < j; k++) {            // both rows read contiguously
          s -= l[rowI + k] * l[rowJ + k];
        }
        l[rowI + j] = s / ljj;
      }
    }
    return Optional.of(new Cholesky(n, l));
  }

  /** Solves A x = b. */
  public double[] solve(double[] b) {
    if (b.length != n) {
      throw new IllegalArgumentException("right-hand side has length " + b.length + ", expected " + n);
    }
    double[] x = b.clone();
    for (int i = 0; i < n; i++) {                 // L y = b
      double s = x[i];
      for (int k = 0; k < i; k++) {
        s -= lower[i * n + k] * x[k];
      }
      x[i] = s / lower[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {            // L^T x = y
      double s = x[i];
      for (int k = i + 1; k < n; k++) {
        s -= lower[k * n + i] * x[k];
      }
      x[i] = s / lower[i * n + i];
    }
    return x;
  }

  /** log det A = 2 sum log L_ii. */
  public double logDeterminant() {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(lower[i * n + i]);
    }
    return 2 * s;
  }
}
