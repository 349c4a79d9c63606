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
