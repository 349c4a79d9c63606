package io.curvature.driver.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {
  @Test
  void solvesARandomSpdSystemToRoundingAndGivesItsDeterminant() {
    int n = 30;
    SplittableRandom rng = new SplittableRandom(3);
    double[] b = new double[n * n];
    for (int i = 0; i < b.length; i++) {
      b[i] = rng.nextGaussian();
    }
    double[] a = new double[n * n];                  // A = B B^T + I
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 1 : 0;
        for (int k = 0; k < n; k++) {
          s += b[i * n + k] * b[j * n + k];
        }
        a[i * n + j] = s;
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussian();
    }
    double[] rhs = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rhs[i] += a[i * n + j] * x[j];
      }
    }
    assertArrayEquals(x, Cholesky.factor(a, n).orElseThrow().solve(rhs), 1e-9);
  }

  /** The JVM's substitutions against netlib's dpotrs (LAPACK's triangular solves) with the same factor, n = 1 to 130. */
  @Test
  void substitutionsSolveAsDpotrsDoesToRounding() {
    SplittableRandom rng = new SplittableRandom(17);
    for (int n : new int[] {1, 2, 3, 5, 8, 64, 130}) {
      double[] b = new double[n * n];
      for (int i = 0; i < b.length; i++) {
        b[i] = rng.nextGaussian();
      }
      double[] a = new double[n * n];                // A = B B^T / n + 1e-3 I: condition up to about 10^4
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double s = i == j ? 1e-3 : 0;
          for (int k = 0; k < n; k++) {
            s += b[i * n + k] * b[j * n + k] / n;
          }
          a[i * n + j] = s;
        }
      }
      Cholesky c = Cholesky.factor(a, n).orElseThrow();
      double[] rhs = new double[n];
      for (int i = 0; i < n; i++) {
        rhs[i] = rng.nextGaussian();
      }
      double[] ours = rhs.clone();
      c.substitute(ours);
      double[] lapack = rhs.clone();
      org.netlib.util.intW info = new org.netlib.util.intW(0);
      dev.ludovic.netlib.lapack.JavaLAPACK.getInstance().dpotrs("U", n, 1, c.lower(), n, lapack, n, info);
      assertEquals(0, info.val);
      double scale = 0;
      for (double v : lapack) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertArrayEquals(lapack, ours, 1e-10 * scale, "n = " + n);
      assertArrayEquals(ours, c.solve(rhs), 1e-10 * scale, "solve, n = " + n);
    }
  }

  @Test
  void closedFormTwoByTwoAndIndefiniteMatrices() {
    double[] a = {4, 2, 2, 3};                       // det 8
    Cholesky c = Cholesky.factor(a, 2).orElseThrow();
    assertEquals(Math.log(8), c.logDeterminant(), 1e-14);
    assertArrayEquals(new double[] {0.25, 0}, c.solve(new double[] {1, 0.5}), 1e-15);
    assertTrue(Cholesky.factor(new double[] {1, 2, 2, 1}, 2).isEmpty());
    assertTrue(Cholesky.factor(new double[] {0, 0, 0, 1}, 2).isEmpty());
  }
}
