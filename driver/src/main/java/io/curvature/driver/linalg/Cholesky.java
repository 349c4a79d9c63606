package io.curvature.driver.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import io.curvature.workers.BlockedCholesky;
import java.util.Optional;
import org.netlib.util.intW;

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
   * not positive, i.e. the matrix is not numerically positive definite. LAPACK dpotrf does the work where a native
   * library is installed; on the JVM {@link BlockedCholesky} does, its trailing updates on the Vector API kernel
   * (netlib's LAPACK there is the F2J translation: at n = 784, 52 ms against 7.6 in JMH). The two give the same
   * factor to rounding. BLAS reads the row-major lower triangle as the column-major upper one, and the U of
   * A = U^T U it returns is, row-major, the L of A = L L^T.
   */
  public static Optional<Cholesky> factor(double[] a, int n) {
    if ((long) n * n != a.length) {
      throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n + " x " + n);
    }
    double[] l = a.clone();
    if (BlockedCholesky.applies()) {
      if (!BlockedCholesky.factorLower(l, n)) {
        return Optional.empty();                     // a pivot not positive: not positive definite
      }
    } else {
      intW info = new intW(0);
      LAPACK.getInstance().dpotrf("U", n, l, Math.max(1, n), info);
      if (info.val != 0) {
        return Optional.empty();                     // info > 0: leading minor not positive definite
      }
    }
    for (int i = 0; i < n; i++) {                    // clear the unused (row-major upper) triangle
      for (int j = i + 1; j < n; j++) {
        l[i * n + j] = 0.0;
      }
    }
    return Optional.of(new Cholesky(n, l));
  }

  /** Largest dimension {@link #secondsToFactor} factors to time; larger ones are scaled from it by n^3. */
  static final int TIMED_MAX = 512;

  /**
   * Seconds {@link #factor} takes for an n x n matrix on this JVM (LAPACK or {@link BlockedCholesky}): the best of two
   * factorizations of a diagonally dominant matrix of dimension min(n, {@value #TIMED_MAX}), scaled by (n / that)^3
   * (the flops of dpotrf). What exact Newton pays on the driver every iteration, beyond its pass. In a cold JVM the
   * blocked one's loops are not compiled yet: timing it took 0.6 s in the cold Fashion-MNIST auto job (the Gram
   * kernel's warm-up included) and overstates its cost there.
   */
  public static double secondsToFactor(int n) {
    int m = Math.max(1, Math.min(n, TIMED_MAX));
    double[] a = new double[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        a[i * m + j] = i == j ? m : 0.5 / (1 + Math.abs(i - j));
      }
    }
    double best = Double.POSITIVE_INFINITY;
    for (int run = 0; run < 2; run++) {
      long t0 = System.nanoTime();
      factor(a, m).orElseThrow();
      best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
    }
    double scale = (double) n / m;
    return best * scale * scale * scale;
  }

  /**
   * Solves A x = b: L y = b, then L^T x = y. On the JVM by two substitutions along L's rows (contiguous, row-major);
   * netlib's dpotrs there is the F2J translation, whose dtrsm is one large method that a cold JVM runs interpreted
   * (TRON solves with its preconditioner at every CG step) and that C2 took 0.15 s to compile. With a native LAPACK,
   * dpotrs.
   */
  public double[] solve(double[] b) {
    if (b.length != n) {
      throw new IllegalArgumentException("right-hand side has length " + b.length + ", expected " + n);
    }
    double[] x = b.clone();
    if (BlockedCholesky.applies()) {
      substitute(x);
      return x;
    }
    intW info = new intW(0);
    LAPACK.getInstance().dpotrs("U", n, 1, lower, Math.max(1, n), x, Math.max(1, n), info);
    if (info.val != 0) {
      throw new IllegalStateException("dpotrs failed with info " + info.val);
    }
    return x;
  }

  /** x := A^{-1} x by forward substitution with L (row by row) and back substitution with L^T (row by row, axpy). */
  void substitute(double[] x) {
    for (int i = 0; i < n; i++) {                    // L y = b: y_i = (b_i - L[i, :i] . y[:i]) / L_ii
      int row = i * n;
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;         // four running sums: one is a chain of dependent additions
      int j = 0;
      for (; j + 3 < i; j += 4) {
        s0 += lower[row + j] * x[j];
        s1 += lower[row + j + 1] * x[j + 1];
        s2 += lower[row + j + 2] * x[j + 2];
        s3 += lower[row + j + 3] * x[j + 3];
      }
      for (; j < i; j++) {
        s0 += lower[row + j] * x[j];
      }
      x[i] = (x[i] - ((s0 + s1) + (s2 + s3))) / lower[row + i];
    }
    for (int i = n - 1; i >= 0; i--) {               // L^T x = y: x_i = y_i / L_ii, then y[:i] -= x_i L[i, :i]
      int row = i * n;
      double xi = x[i] / lower[row + i];
      x[i] = xi;
      for (int j = 0; j < i; j++) {
        x[j] -= xi * lower[row + j];
      }
    }
  }

  /** The factor L, row-major, its upper triangle zero (tests). */
  double[] lower() {
    return lower;
  }

  /** log det A = 2 sum log L_ii. */
  public double logDeterminant() {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(lower[i * n + i]);
    }
    return 2 * s;
  }

  /**
   * Factors A + tau I with the smallest tau in {0, 1e-10 m, 1e-9 m, ...} (m the largest diagonal magnitude) for which
   * the factorization succeeds: a safeguard for matrices that are semidefinite or indefinite by rounding. Empty when
   * even a damping of the matrix's own scale fails (a non-finite entry).
   */
  public static Optional<Cholesky> factorDamped(double[] a, int n) {
    double maxDiagonal = 0;
    for (int i = 0; i < n; i++) {
      maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i * n + i]));
    }
    double tau = 0;
    for (int attempt = 0; attempt < 20; attempt++) {
      double[] damped = a;
      if (tau > 0) {
        damped = a.clone();
        for (int i = 0; i < n; i++) {
          damped[i * n + i] += tau;
        }
      }
      Optional<Cholesky> factor = factor(damped, n);
      if (factor.isPresent()) {
        return factor;
      }
      tau = tau == 0 ? 1e-10 * Math.max(maxDiagonal, Double.MIN_NORMAL) : 10 * tau;
    }
    return Optional.empty();
  }
}
