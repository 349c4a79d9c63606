package io.curvature.driver.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedSumsTest {
  private static final int[] LENGTHS = {0, 1, 3, 4, 5, ChunkedSums.CHUNK - 1, ChunkedSums.CHUNK + 7,
      ChunkedSums.PARALLEL_FROM + 13};

  private static double[] random(int n, long seed) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = r.nextGaussian() * Math.exp(3 * r.nextGaussian());   // entries of very different sizes
    }
    return x;
  }

  /**
   * The sum of products in twice the working precision (Ogita, Rump and Oishi's Dot2: error-free products by fma,
   * error-free sums): the chunked sums are compared with it, not with another rounding order.
   */
  private static double exactDot(double[] a, double[] b) {
    double s = 0;
    double c = 0;
    for (int j = 0; j < a.length; j++) {
      double p = a[j] * b[j];
      double pErr = Math.fma(a[j], b[j], -p);
      double t = s + p;
      double z = t - s;
      c += (s - (t - z)) + (p - z) + pErr;
      s = t;
    }
    return s + c;
  }

  private static double absDot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += Math.abs(a[j] * b[j]);
    }
    return s;
  }

  @Test
  void dotAndDistanceAgreeWithExactSumsToRounding() {
    for (int n : LENGTHS) {
      double[] a = random(n, n);
      double[] b = random(n, n + 1);
      // The error bound of any summation order: n eps sum |a_j b_j|.
      double bound = (n + 1) * 1.2e-16 * absDot(a, b);
      assertEquals(exactDot(a, b), ChunkedSums.dot(a, b), bound, "n = " + n);
      double[] diff = new double[n];
      for (int j = 0; j < n; j++) {
        diff[j] = a[j] - b[j];
      }
      assertEquals(Math.sqrt(exactDot(diff, diff)), ChunkedSums.distance(a, b),
          (n + 1) * 1.2e-16 * Math.sqrt(exactDot(diff, diff)) + 1e-300, "n = " + n);
    }
  }

  @Test
  void theSameBitsOnOneThreadAsOnMany() {
    int n = ChunkedSums.PARALLEL_FROM + 13;
    double[] a = random(n, 1);
    double[] b = random(n, 2);
    // The chunks in order on this thread, as a machine with one core would add them.
    double sequential = 0;
    for (int from = 0; from < n; from += ChunkedSums.CHUNK) {
      sequential += ChunkedSums.dot(a, b, from, Math.min(n, from + ChunkedSums.CHUNK));
    }
    for (int run = 0; run < 5; run++) {
      assertEquals(Double.doubleToLongBits(sequential), Double.doubleToLongBits(ChunkedSums.dot(a, b)));
    }
  }

  @Test
  void fusedSweepsUpdateAndSum() {
    for (int n : LENGTHS) {
      double[] x = random(n, 3);
      double[] q = random(n, 4);
      double[] z = random(n, 5);
      double[] expected = q.clone();
      for (int j = 0; j < n; j++) {
        expected[j] += -0.75 * x[j];
      }
      double dot = ChunkedSums.sweep(n, (from, to) -> ChunkedSums.axpyDot(-0.75, x, q, z, from, to));
      assertArrayEquals(expected, q, 0.0, "axpy part, n = " + n);
      assertEquals(exactDot(z, expected), dot, (n + 1) * 1.2e-16 * absDot(z, expected), "n = " + n);
      for (int j = 0; j < n; j++) {
        expected[j] *= 2.5;
      }
      dot = ChunkedSums.sweep(n, (from, to) -> ChunkedSums.scaleDot(2.5, q, z, from, to));
      assertArrayEquals(expected, q, 0.0, "scaled part, n = " + n);
      assertEquals(exactDot(z, expected), dot, (n + 1) * 1.2e-16 * absDot(z, expected), "n = " + n);
    }
  }

  @Test
  void refusesVectorsOfDifferentLengths() {
    assertThrows(IllegalArgumentException.class, () -> ChunkedSums.dot(new double[3], new double[4]));
    assertThrows(IllegalArgumentException.class, () -> ChunkedSums.distance(new double[3], new double[4]));
  }

  @Test
  void aPairAndItsThreeProductsInOneSweepHaveTheBitsOfSeparateSweeps() {
    for (int n : LENGTHS) {
      double[] x1 = random(n, 3 * n);
      double[] x0 = random(n, 3 * n + 1);
      double[] g1 = random(n, 3 * n + 2);
      double[] g0 = random(n, 3 * n + 3);
      double[] s = new double[n];
      double[] y = new double[n];
      double[] dots = ChunkedSums.pairAndDots(x1, x0, g1, g0, s, y);
      double[] sRef = Vectors.plus(x1, -1.0, x0);
      double[] yRef = new double[n];
      for (int j = 0; j < n; j++) {
        sRef[j] = x1[j] - x0[j];
        yRef[j] = g1[j] - g0[j];
      }
      assertArrayEquals(sRef, s, 0.0, "n = " + n);
      assertArrayEquals(yRef, y, 0.0, "n = " + n);
      assertArrayEquals(new double[] {ChunkedSums.dot(sRef, yRef), ChunkedSums.dot(sRef, sRef),
          ChunkedSums.dot(yRef, yRef)}, dots, 0.0, "n = " + n);
    }
  }

  @Test
  void aTrialPointIsFormedAsPlusFormsItAndRefusedWhenAnEntryIsNotFinite() {
    for (int n : LENGTHS) {
      double[] x = random(n, 5 * n);
      double[] d = random(n, 5 * n + 1);
      assertArrayEquals(Vectors.plus(x, 0.37, d), ChunkedSums.plusIfFinite(x, 0.37, d), 0.0, "n = " + n);
      if (n > 0) {
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
          double[] e = d.clone();
          e[n - 1] = bad;
          assertEquals(null, ChunkedSums.plusIfFinite(x, 0.37, e), "n = " + n + ", " + bad);
        }
        double[] huge = d.clone();
        huge[0] = Double.MAX_VALUE;
        x[0] = Double.MAX_VALUE;                       // finite terms whose sum overflows
        assertEquals(null, ChunkedSums.plusIfFinite(x, 1.0, huge), "n = " + n + ", overflow");
      }
    }
  }
}
