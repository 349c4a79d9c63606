package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up runs every kernel it names without failing, deterministically, and starts once per JVM. */
class KernelWarmupTest {
  @Test
  void runsEveryKernelDeterministically() {
    double a = KernelWarmup.run();
    double b = KernelWarmup.run();
    assertTrue(Double.isFinite(a) && a != 0.0, "a real result: " + a);
    assertEquals(a, b, 0.0, "the same made-up block gives the same bits");
  }

  @Test
  void startsOnce() throws Exception {
    KernelWarmup.startInBackground();
    KernelWarmup.startInBackground();
    assertTrue(KernelWarmup.started());
    long threads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("curvature-kernel-warmup")).count();
    assertTrue(threads <= 1, "one warm-up thread at most: " + threads);
  }
}
