package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.curvature.driver.linalg.ChunkedSums;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused two-loop recursion against the textbook one (Nocedal and Wright, Algorithm 7.4) and the secant equation. */
class LbfgsPairsTest {
  private static final int MEMORY = 4;

  private static double[] gaussian(Random r, int n) {
    double[] x = new double[n];
    for (int j = 0; j < n; j++) {
      x[j] = r.nextGaussian();
    }
    return x;
  }

  /** Steps of a quadratic with a positive diagonal Hessian A: y = A s, so every pair has s.y > 0. */
  private static double[][] steps(Random r, double[] a, int count) {
    double[][] pairs = new double[2 * count][];
    for (int k = 0; k < count; k++) {
      double[] s = gaussian(r, a.length);
      double[] y = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        y[j] = a[j] * s[j] + 0.1 * s[(j + 1) % a.length] + 0.1 * s[(j + a.length - 1) % a.length];
      }
      pairs[2 * k] = s;
      pairs[2 * k + 1] = y;
    }
    return pairs;
  }

  /** The plain two-loop recursion, one operation a loop. */
  private static double[] textbook(List<double[]> s, List<double[]> y, double[] g, double[] scaling) {
    int m = s.size();
    double[] q = g.clone();
    double[] alpha = new double[m];
    double[] rho = new double[m];
    for (int i = m - 1; i >= 0; i--) {
      rho[i] = 1.0 / dot(s.get(i), y.get(i));
      alpha[i] = rho[i] * dot(s.get(i), q);
      for (int j = 0; j < q.length; j++) {
        q[j] -= alpha[i] * y.get(i)[j];
      }
    }
    double gamma = 1.0;
    if (m > 0) {
      double yHy = 0;
      for (int j = 0; j < q.length; j++) {
        yHy += y.get(m - 1)[j] * y.get(m - 1)[j] / (scaling == null ? 1.0 : scaling[j]);
      }
      gamma = dot(s.get(m - 1), y.get(m - 1)) / yHy;
    }
    for (int j = 0; j < q.length; j++) {
      q[j] = gamma * q[j] / (scaling == null ? 1.0 : scaling[j]);
    }
    for (int i = 0; i < m; i++) {
      double beta = rho[i] * dot(y.get(i), q);
      for (int j = 0; j < q.length; j++) {
        q[j] += (alpha[i] - beta) * s.get(i)[j];
      }
    }
    return q;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    double scale = Math.sqrt(dot(expected, expected));
    double[] diff = new double[expected.length];
    for (int j = 0; j < diff.length; j++) {
      diff[j] = expected[j] - actual[j];
    }
    assertEquals(0.0, Math.sqrt(dot(diff, diff)), 1e-11 * scale, what);
  }

  @Test
  void matchesTheTextbookRecursionWithAndWithoutScaling() {
    for (int n : new int[] {5, ChunkedSums.CHUNK + 3, ChunkedSums.PARALLEL_FROM + 5}) {
      Random r = new Random(n);
      double[] a = new double[n];
      for (int j = 0; j < n; j++) {
        a[j] = 0.5 + 10 * r.nextDouble();
      }
      double[][] steps = steps(r, a, MEMORY + 3);
      double[] g = gaussian(r, n);
      for (double[] scaling : new double[][] {null, a}) {
        LbfgsDirection.Pairs pairs = new LbfgsDirection.Pairs(MEMORY);
        List<double[]> s = new ArrayList<>();
        List<double[]> y = new ArrayList<>();
        for (int k = 0; k <= MEMORY + 3; k++) {
          String what = "n = " + n + ", " + k + " pairs offered, " + (scaling == null ? "gamma I" : "gamma D^-1");
          assertClose(textbook(s, y, g, scaling), pairs.direction(g, scaling), what);
          if (k == MEMORY + 3) {
            break;
          }
          double[] x0 = gaussian(r, n);
          double[] g0 = gaussian(r, n);
          double[] x1 = x0.clone();
          double[] g1 = g0.clone();
          for (int j = 0; j < n; j++) {
            x1[j] += steps[2 * k][j];
            g1[j] += steps[2 * k + 1][j];
          }
          pairs.addStep(x1, x0, g1, g0);
          s.add(steps[2 * k]);
          y.add(steps[2 * k + 1]);
          if (s.size() > MEMORY) {
            s.remove(0);
            y.remove(0);
          }
        }
      }
    }
  }

  @Test
  void theNewestPairSatisfiesTheSecantEquationAfterARefusedPair() {
    int n = ChunkedSums.PARALLEL_FROM + 5;
    Random r = new Random(7);
    double[] a = new double[n];
    for (int j = 0; j < n; j++) {
      a[j] = 1 + r.nextDouble();
    }
    double[][] steps = steps(r, a, MEMORY + 2);
    LbfgsDirection.Pairs pairs = new LbfgsDirection.Pairs(MEMORY);
    double[] zero = new double[n];
    for (int k = 0; k < MEMORY + 2; k++) {
      pairs.addStep(steps[2 * k], zero, steps[2 * k + 1], zero);
      // A pair of negative curvature is refused; its arrays are reused by the next pair, not by a kept one.
      double[] minusY = steps[2 * k + 1].clone();
      for (int j = 0; j < n; j++) {
        minusY[j] = -minusY[j];
      }
      pairs.addStep(steps[2 * k], zero, minusY, zero);
      assertEquals(Math.min(k + 1, MEMORY), pairs.size());
      // H_k y_k = s_k for the newest pair (exact in exact arithmetic, whatever H0).
      assertClose(steps[2 * k], pairs.direction(steps[2 * k + 1], null), "pair " + k);
      assertClose(steps[2 * k], pairs.direction(steps[2 * k + 1], a), "pair " + k + ", scaled");
    }
  }
}
