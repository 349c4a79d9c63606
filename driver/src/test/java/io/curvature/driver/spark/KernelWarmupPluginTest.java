package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.KernelWarmup;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The plugin joins a spark.plugins list once, and a session with it starts the warm-up on its (local) executor. */
class KernelWarmupPluginTest {
  private static final String NAME = KernelWarmupPlugin.NAME;

  @Test
  void joinsThePluginListOnce() {
    assertEquals(NAME, KernelWarmupPlugin.addTo(null));
    assertEquals(NAME, KernelWarmupPlugin.addTo(" "));
    assertEquals("com.example.Other," + NAME, KernelWarmupPlugin.addTo("com.example.Other"));
    assertEquals("a, " + NAME, KernelWarmupPlugin.addTo("a, " + NAME));
  }

  @Test
  void aSessionWithThePluginWarmsTheKernelsAndRunsJobs() {
    long rows = TestSpark.context().parallelize(Arrays.asList(1, 2, 3, 4), 2).count();
    assertEquals(4, rows);
    assertTrue(KernelWarmup.started(), "the executor plugin started the warm-up (nothing else does in this JVM)");
  }
}
