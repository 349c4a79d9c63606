package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** auto's two Gram rates: positive, and one measurement when both kinds of Gram run one kernel. */
class BlasRatesTest {
  @Test
  void oneKernelIsMeasuredOnce() {
    double[] rates = Blas.gramRatesPerCore(200);
    assertTrue(rates[0] > 0 && rates[1] > 0 && Double.isFinite(rates[0]) && Double.isFinite(rates[1]),
        rates[0] + ", " + rates[1]);
    if (Blas.isNative() || GramAccumulator.vectorKernelRuns()) {
      assertEquals(rates[0], rates[1], 0.0, "the same kernel, timed once");
    }
  }
}
