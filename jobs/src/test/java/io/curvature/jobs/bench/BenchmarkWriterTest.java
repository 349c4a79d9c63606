package io.curvature.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
        new BenchmarkReport.Environment("local[2]", 2, 2, "4.1.0", "17", "VectorBLAS", 10, 100, 12, 1e-8), List.of(),
        List.of(run("tron", 1.0), run("newton", 2.0), run("tron", 0.8)), "now", "logistic", 0, false);
    byte[] png = BenchmarkWriter.plot(report);
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
  }
}
