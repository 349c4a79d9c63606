package io.curvature.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.jobs.CurvatureMain;
import io.curvature.jobs.GenerateCommand;
import io.curvature.jobs.data.SyntheticData;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark job on small generated data: every contestant, the gaps against f*, and the three outputs. */
class BenchmarkCommandTest {
  @Test
  void racesEveryContestantAndWritesTableJsonAndPlot(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(3000, 60, 10, 0.3, 3),
        new org.apache.hadoop.fs.Path(data.toUri()), new Configuration());
    // A LIBLINEAR stand-in: Curvature's own solution written in LIBLINEAR's model format, labels reversed.
    assertEquals(0, CurvatureMain.execute("train", "--data", data.toString(), "--reg-param", "1e-3", "--tol", "1e-9",
        "--output", dir.resolve("run").toString(), "--master", "local[2]", "--quiet"));
    double[] w = ModelIo.read(new org.apache.hadoop.fs.Path(dir.resolve("run/model").toUri()), new Configuration())
        .coefficients();
    StringBuilder model = new StringBuilder("solver_type L2R_LR\nnr_class 2\nlabel -1 1\nnr_feature 60\nbias -1\nw\n");
    Arrays.stream(w).forEach(x -> model.append(-x).append('\n'));
    Files.writeString(dir.resolve("ll.model"), model.toString());
    Files.writeString(dir.resolve("runs.tsv"), "load\t0.5\tll.model\n1e-6\t1.5\tll.model\n");

    Path out = dir.resolve("bench");
    assertEquals(0, CurvatureMain.execute("benchmark", "--data", data.toString(), "--reg-param", "1e-3",
        "--solvers", "tron,lbfgs,newton,auto,mllib", "--output", out.toString(), "--master", "local[2]",
        "--partitions", "2", "--repeats", "2", "--liblinear-runs", dir.resolve("runs.tsv").toString(),
        "--float32", "tron"));

    JsonNode report = Json.MAPPER.readTree(out.resolve("benchmark.json").toFile());
    double fStar = report.get("fStar").asDouble();
    Set<String> solvers = new HashSet<>();
    for (JsonNode run : report.get("runs")) {
      String solver = run.get("solver").asText();
      solvers.add(solver.startsWith("auto") ? "auto" : solver);
      double gap = run.get("finalGap").asDouble();
      assertTrue(gap >= 0, solver + " below f*: " + gap);
      assertEquals((run.get("objective").asDouble() - fStar) / fStar, gap, 1e-12);
      if (solver.equals("tron/float32")) {
        assertTrue(gap < 1e-5, "float32 data moved the optimum by " + gap);
      }
      if (!solver.equals("liblinear")) {
        assertTrue(run.get("timeToGap6").isNumber(), solver + " never reached gap 1e-6");
        assertTrue(run.get("timeToGap3").asDouble() <= run.get("timeToGap6").asDouble());
      }
      if (!solver.equals("mllib") && !solver.equals("liblinear")) {
        assertTrue(run.get("passesToGap6").asLong() <= run.get("passes").asLong());
        assertTrue(run.get("secondsPerPass").asDouble() > 0 && run.get("peakHeapBytes").asLong() > 0);
      }
    }
    assertEquals(Set.of("tron", "lbfgs", "newton", "auto", "mllib", "liblinear", "tron/float32"), solvers);
    JsonNode env = report.get("environment");
    assertTrue(env.get("memoryBandwidthGBps").asDouble() > 0.1);
    assertTrue(env.get("blas").asText().endsWith("BLAS"));
    Set<String> passes = new HashSet<>();
    for (JsonNode cost : report.get("passCosts")) {
      assertTrue(cost.get("seconds").asDouble() > 0, cost.toString());
      passes.add(cost.get("pass").asText());
    }
    // The last three are a local master's mechanisms.
    for (String mechanism : new String[] {"scheduling", "fixed cost of a pass", "in the closure",
        "broadcast d-vector read by every task", "dense d-vector result", "no job", "Hessian-vector product",
        "shared in the driver's JVM", "handed over in place", "in resident tasks"}) {
      assertTrue(passes.stream().anyMatch(p -> p.contains(mechanism)), mechanism + " not profiled: " + passes);
    }
    String md = Files.readString(out.resolve("benchmark.md"));
    assertTrue(md.contains("| solver | status | iterations | passes | seconds to 1e-3"), md);
    assertTrue(md.contains("Fastest to gap 1e-6"), md);
    byte[] png = Files.readAllBytes(out.resolve("convergence.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
  }

  /** Another model against its MLlib counterpart: multinomial with elastic net, and linear with MLlib's normal solver. */
  @Test
  void racesOtherModelsAgainstTheirMllibCounterparts(@TempDir Path dir) throws Exception {
    Path multi = dir.resolve("multi.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(2000, 40, 10, 0.5, 4,
        io.curvature.driver.model.ModelKind.MULTINOMIAL, 3), new org.apache.hadoop.fs.Path(multi.toUri()),
        new Configuration());
    Path out = dir.resolve("bench-multi");
    assertEquals(0, CurvatureMain.execute("benchmark", "--data", multi.toString(), "--model", "multinomial",
        "--reg-param", "1e-2", "--elastic-net", "0.3", "--fit-intercept", "--solvers", "owlqn,auto,mllib", "--max-iter", "300",
        "--output", out.toString(), "--master", "local[2]", "--partitions", "2", "--repeats", "1"));
    JsonNode report = Json.MAPPER.readTree(out.resolve("benchmark.json").toFile());
    assertEquals("multinomial", report.get("model").asText());
    for (JsonNode run : report.get("runs")) {
      double gap = run.get("finalGap").asDouble();
      assertTrue(gap >= 0 && gap < 1e-4, run.get("solver").asText() + " ended at gap " + gap);
    }
    assertEquals(3, report.get("runs").size());

    Path linear = dir.resolve("linear.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(2000, 30, 30, 0.5, 5,
        io.curvature.driver.model.ModelKind.LINEAR, 2), new org.apache.hadoop.fs.Path(linear.toUri()),
        new Configuration());
    out = dir.resolve("bench-linear");
    assertEquals(0, CurvatureMain.execute("benchmark", "--data", linear.toString(), "--model", "linear",
        "--reg-param", "1e-2", "--fit-intercept", "--standardize", "--solvers", "newton,mllib", "--mllib-solver",
        "normal", "--output", out.toString(), "--master", "local[2]", "--partitions", "2", "--repeats", "1"));
    report = Json.MAPPER.readTree(out.resolve("benchmark.json").toFile());
    JsonNode newton = report.get("runs").get(0);
    assertEquals(1, newton.get("passes").asLong(), "exact Newton solves least squares in one pass");
    assertTrue(report.get("runs").get(1).get("message").asText().contains("LinearRegression(solver=normal)"));
  }
}
