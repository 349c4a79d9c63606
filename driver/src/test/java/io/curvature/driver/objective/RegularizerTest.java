package io.curvature.driver.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RegularizerTest {
  /** The one-sweep finish of a pass's sums gives the bits of the separate sweeps it replaced. */
  @Test
  void addToDataSumsGivesTheBitsOfSeparateSweeps() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 1000;
    Regularizer r = Regularizer.elasticNet(n - 1, 1, 1, 0.3, 0.4, 1.0, null, false);
    double[] w = new double[n];
    double[] g = new double[n];
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = random.nextDouble(-3, 3);
      g[j] = random.nextDouble(-1e4, 1e4);
      d[j] = random.nextDouble(0, 1e3);
    }
    double weightSum = 1234.567;
    double[] gSeparate = g.clone();
    double[] dSeparate = d.clone();
    double sum = 0;
    for (int j = 0; j < n; j++) {                    // the three sweeps it replaced, written out
      gSeparate[j] /= weightSum;
      dSeparate[j] = dSeparate[j] / weightSum + r.curvature(j);
    }
    for (int j = 0; j < n; j++) {
      gSeparate[j] += r.curvature(j) * w[j];
    }
    for (int j = 0; j < n; j++) {
      sum += r.curvature(j) * w[j] * w[j];
    }
    double value = 0.5 * sum;

    double[] gFused = g.clone();
    double[] dFused = d.clone();
    assertEquals(value, r.addToDataSums(w, gFused, dFused, weightSum), 0.0);
    assertArrayEquals(gSeparate, gFused, 0.0);
    assertArrayEquals(dSeparate, dFused, 0.0);
    double[] gAlone = g.clone();
    assertEquals(value, r.addToDataSums(w, gAlone, null, weightSum), 0.0);
    assertArrayEquals(gSeparate, gAlone, 0.0);
  }
}
