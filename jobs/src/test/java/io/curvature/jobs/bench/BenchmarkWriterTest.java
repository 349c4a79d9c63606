package io.curvature.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkWriterTest {
  private static SolverRun run(String solver, double seconds) {
    return new SolverRun(solver, "CONVERGED", "", 3, 5L, seconds, seconds / 5, null, null, null, null, null, 1.0,
        1e-9, null, null, List.of(new double[] {0.1, 1e-1}, new double[] {seconds, 1e-9}));
  }

  /** `--solvers tron,newton,tron` (a warm-up run, then the one to quote) plots both tron runs, told apart. */
  @Test
  void aSolverListedTwiceIsPlottedTwice() throws Exception {
    BenchmarkReport report = new BenchmarkReport("data", 10, 2, 20, 0.1, false, 1.0, "given", 0.5,
        environment(true), List.of(), List.of(run("tron", 1.0), run("newton", 2.0), run("tron", 0.8)), "now",
        "logistic", 0, false);
    assertEquals(List.of("tron", "newton", "tron (2)"),
        List.copyOf(BenchmarkWriter.chart(report).getSeriesMap().keySet()), "each run its series, in race order");
    assertEquals(List.of(0.8), List.of(BenchmarkWriter.chart(report).getSeriesMap().get("tron (2)").getXData()[1]),
        "the second tron run's own curve");
    byte[] png = BenchmarkWriter.plot(report);
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
  }

  private static BenchmarkReport.Environment environment(boolean heapKept) {
    return new BenchmarkReport.Environment("local[2]", 2, 2, "4.1.0", "17", "VectorBLAS", 10, 100, 12, 1e-8, heapKept);
  }

  /** The report says whether the benchmark JVM kept its grown heap between contestants, and HotSpot lets it. */
  @Test
  void theReportSaysWhetherTheHeapWasKeptBetweenContestants() throws Exception {
    for (boolean kept : new boolean[] {false, true}) {
      String md = BenchmarkWriter.markdown(new BenchmarkReport("data", 10, 2, 20, 0.1, false, 1.0, "given", 0.5,
          environment(kept), List.of(), List.of(run("tron", 1.0)), "now", "logistic", 0, false));
      assertEquals(kept, md.contains("heap kept between contestants"), md);
    }
    HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    String before = hotspot.getVMOption("MaxHeapFreeRatio").getValue();
    try {
      assertTrue(BenchmarkCommand.keepGrownHeap());
      assertEquals("100", hotspot.getVMOption("MaxHeapFreeRatio").getValue());
    } finally {
      hotspot.setVMOption("MaxHeapFreeRatio", before);            // this test JVM as it was
    }
  }
}
