package io.curvature.workers;

/**
 * Cholesky factorization A = L L^T of a dense symmetric matrix (row-major, lower triangle), blocked so that most of its
 * n^3 / 3 flops run in {@link VectorGram}: for each block of {@value #BLOCK} columns, the diagonal block is factored
 * with plain loops, the panel below it solved on its transpose (row operations along contiguous rows, n^2
 * {@value #BLOCK} / 2 flops in all), then the trailing matrix takes the rank-{@value #BLOCK} update A22 -= L21 L21^T
 * (LAPACK's dpotrf, right-looking). For the driver's factorizations (exact Newton's Hessian, TRON's sample-Hessian
 * preconditioner) on a JVM without a native LAPACK, where netlib's is the F2J translation: at n = 784, 7.6 ms a
 * factorization against 52 ms (JMH, one thread: CholeskyBenchmark); the cold exact Newton job (ten factorizations)
 * fit 6.66 -> 5.27 s, medians of four interleaved pairs.
 */
public final class BlockedCholesky {
  /** Columns a block: the trailing updates' rank. */
  static final int BLOCK = 64;

  private BlockedCholesky() {
  }

  /** Whether this JVM factors here rather than by LAPACK: no native library, the Vector API kernel running. */
  public static boolean applies() {
    return GramAccumulator.vectorKernelRuns();
  }

  /**
   * Overwrites the lower triangle of {@code a} (row-major n x n) with L, A = L L^T, reading only that triangle and
   * leaving the strict upper one untouched. Returns false, {@code a} then partly overwritten, at the first pivot that
   * is not positive (or NaN): the matrix is not numerically positive definite.
   */
  public static boolean factorLower(double[] a, int n) {
    if ((long) n * n != a.length) {
      throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + n + " x " + n);
    }
    double[] chunk = null;
    double[] packed = null;
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      int k1 = Math.min(n, k0 + BLOCK);
      if (!factorDiagonalBlock(a, n, k0, k1)) {
        return false;
      }
      int rest = n - k1;
      if (rest == 0) {
        break;
      }
      if (chunk == null) {
        chunk = new double[BLOCK * rest];             // the first trailing matrix is the largest
        packed = new double[VectorGram.packedLength(rest, BLOCK)];
      }
      int kb = k1 - k0;
      for (int i = 0; i < rest; i++) {                // chunk = A21^T, kb x rest: row r is column k0 + r below
        int from = (k1 + i) * n + k0;
        for (int r = 0; r < kb; r++) {
          chunk[r * rest + i] = a[from + r];
        }
      }
      solvePanel(a, n, k0, kb, chunk, rest);          // chunk = L21^T
      for (int i = 0; i < rest; i++) {
        int to = (k1 + i) * n + k0;
        for (int r = 0; r < kb; r++) {
          a[to + r] = chunk[r * rest + i];
        }
      }
      VectorGram.update(rest, kb, -1.0, chunk, a, k1 * n + k1, n, packed);
    }
    return true;
  }

  /** L11 of columns [k0, k1), the earlier blocks' updates already applied: plain Cholesky within the block. */
  private static boolean factorDiagonalBlock(double[] a, int n, int k0, int k1) {
    for (int j = k0; j < k1; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int m = k0; m < j; m++) {
        d -= a[rj + m] * a[rj + m];
      }
      if (!(d > 0)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      for (int i = j + 1; i < k1; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int m = k0; m < j; m++) {
          s -= a[ri + m] * a[rj + m];
        }
        a[ri + j] = s / ljj;
      }
    }
    return true;
  }

  /**
   * L21 = A21 L11^-T, on the transposed panel (row r of {@code t} is column k0 + r of the rows below the block): row j
   * takes away L11[j][m] times each finished row m < j and is divided by L11[j][j], so every inner loop runs along a
   * contiguous row.
   */
  private static void solvePanel(double[] a, int n, int k0, int kb, double[] t, int rest) {
    for (int j = 0; j < kb; j++) {
      int rj = (k0 + j) * n + k0;
      int tj = j * rest;
      for (int m = 0; m < j; m++) {
        axpy(-a[rj + m], t, m * rest, t, tj, rest);
      }
      double inverse = 1.0 / a[rj + j];
      for (int i = 0; i < rest; i++) {
        t[tj + i] *= inverse;
      }
    }
  }

  private static void axpy(double c, double[] x, int xFrom, double[] y, int yFrom, int length) {
    for (int i = 0; i < length; i++) {
      y[yFrom + i] += c * x[xFrom + i];
    }
  }
}
