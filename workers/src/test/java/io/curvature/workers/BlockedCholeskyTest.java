package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlib.util.intW;

/**
 * The blocked Cholesky against LAPACK's dpotrf (the F2J translation) and the textbook one (Cholesky-Banachiewicz, row
 * by row), and L L^T against A, on random
 * positive definite matrices of sizes below, at and across its block, ill-conditioned ones included; the strict upper
 * triangle untouched; a matrix that is not positive definite, or holds a NaN, refused. (The driver's CholeskyTest
 * checks the factorization it serves, whichever runs, by systems of known solution.)
 */
class BlockedCholeskyTest {
  private static final double UNTOUCHED = 12345.0;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 63, 64, 65, 128, 130, 300, 785})
  void equalsDpotrfAndTheTextbookFactorAndReconstructsA(int n) {
    for (double conditioning : new double[] {1.0, 1e-8}) {
      double[] a = positiveDefinite(n, conditioning, n * 7L + (conditioning < 1 ? 1 : 0));
      double[] ours = a.clone();
      assertTrue(BlockedCholesky.factorLower(ours, n));
      double[] reference = textbook(a, n);
      double[] lapack = a.clone();
      intW info = new intW(0);
      JavaLAPACK.getInstance().dpotrf("U", n, lapack, n, info);
      assertEquals(0, info.val);
      double scale = 0.0;
      for (int i = 0; i < n; i++) {
        scale = Math.max(scale, Math.abs(reference[i * n + i]));
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (j > i) {
            assertEquals(UNTOUCHED, ours[i * n + j], "upper (" + i + ", " + j + ")");
          } else {
            assertEquals(reference[i * n + j], ours[i * n + j], 1e-11 * scale / Math.sqrt(conditioning),
                "L(" + i + ", " + j + ") at n = " + n + ", conditioning " + conditioning);
            assertEquals(lapack[i * n + j], ours[i * n + j], 1e-11 * scale / Math.sqrt(conditioning),
                "dpotrf's L(" + i + ", " + j + ") at n = " + n + ", conditioning " + conditioning);
            double llt = 0.0;
            for (int k = 0; k <= j; k++) {
              llt += ours[i * n + k] * ours[j * n + k];
            }
            assertEquals(a[i * n + j], llt, 1e-12 * scale * scale, "(L L^T)(" + i + ", " + j + ")");
          }
        }
      }
    }
  }

  /** L row by row: l_ij = (a_ij - sum_{k<j} l_ik l_jk) / l_jj. */
  private static double[] textbook(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        l[i * n + j] = i == j ? Math.sqrt(s) : s / l[j * n + j];
      }
    }
    return l;
  }

  @Test
  void refusesAMatrixThatIsNotPositiveDefinite() {
    int n = 150;
    double[] a = positiveDefinite(n, 1.0, 3);
    a[140 * n + 140] = -1.0;                           // a negative pivot in the third block
    assertFalse(BlockedCholesky.factorLower(a.clone(), n));
    double[] nan = positiveDefinite(n, 1.0, 4);
    nan[100 * n + 3] = Double.NaN;
    assertFalse(BlockedCholesky.factorLower(nan, n));
  }

  /** B B^T / n + conditioning I from a random B, lower triangle; the strict upper one holds a marker. */
  private static double[] positiveDefinite(int n, double conditioning, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] b = new double[n * n];
    for (int k = 0; k < b.length; k++) {
      b[k] = random.nextDouble(-1, 1);
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0.0;
        for (int k = 0; k < n; k++) {
          s += b[i * n + k] * b[j * n + k];
        }
        a[i * n + j] = s / n + (i == j ? conditioning : 0.0);
      }
      for (int j = i + 1; j < n; j++) {
        a[i * n + j] = UNTOUCHED;
      }
    }
    return a;
  }
}
