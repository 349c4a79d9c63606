package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.testing.TestSpark;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.data.SyntheticData;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.io.SavedModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The train command end to end on local[2], against MLlib's LogisticRegression fitted to the same objective. */
class TrainJobEndToEndTest {
  private static final double LAMBDA = 1e-3;
  @TempDir static Path dir;
  private static Path data;
  private static double mllibObjective;
  private static GlmObjective reference;

  @BeforeAll
  static void generateDataAndFitMllib() throws Exception {
    data = dir.resolve("train.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(5000, 400, 15, 0.2, 7),
        new org.apache.hadoop.fs.Path(data.toUri()), new Configuration());
    try (LoadedData loaded = LibsvmLoader.load(TestSpark.context(), data.toString(), 2, 0,
        LibsvmLoader.Layout.SPARSE)) {
      reference = GlmObjective.logistic(new LocalBlockSums(loaded.sums().blocks().collect()), LAMBDA, true);
    }
    Dataset<Row> frame = TestSpark.session().read().format("libsvm").load(data.toString())
        .withColumn("label", functions.when(functions.col("label").gt(0), 1.0).otherwise(0.0));
    LogisticRegressionModel mllib = new LogisticRegression().setRegParam(LAMBDA).setElasticNetParam(0)
        .setStandardization(false).setFitIntercept(true).setMaxIter(2000).setTol(1e-10).fit(frame);
    double[] w = new double[reference.dimension()];
    double[] c = mllib.coefficients().toArray();
    System.arraycopy(c, 0, w, 0, c.length);
    w[w.length - 1] = mllib.intercept();
    mllibObjective = reference.evaluate(w).value();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tron", "lbfgs", "newton-cg", "newton"})
  void reachesMllibsObjectiveAndWritesModelAndReport(String solver) throws Exception {
    Path out = dir.resolve("out-" + solver);
    int code = CurvatureMain.execute("train", "--data", data.toString(), "--solver", solver, "--reg-param", "1/1000",
        "--fit-intercept", "--tol", "1e-8", "--max-iter", "500", "--output", out.toString(), "--master", "local[2]",
        "--partitions", "3", "--quiet");
    assertEquals(ExitCode.OK, code);
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    for (String field : List.of("solver", "objective", "gradientNorm", "iterations", "passes", "status",
        "fitSeconds", "loadSeconds", "n", "d", "nnz", "history")) {
      assertTrue(report.has(field), "report.json lacks " + field);
    }
    assertEquals(solver, report.get("solver").asText());
    assertEquals("CONVERGED", report.get("status").asText());
    assertEquals(5000, report.get("n").asLong());
    assertEquals(5000 * 15, report.get("nnz").asLong());
    assertEquals(report.get("iterations").asInt() + 1, report.get("history").size());
    assertEquals(LAMBDA, report.get("config").get("regParam").asDouble(), 1e-18);
    double objective = report.get("objective").asDouble();
    assertTrue(objective <= mllibObjective * (1 + 1e-6),
        solver + ": objective " + objective + " above MLlib's " + mllibObjective);
    SavedModel model = ModelIo.read(new org.apache.hadoop.fs.Path(out.resolve("model").toUri()), new Configuration());
    assertEquals(objective, reference.evaluate(model.point()).value(), 1e-12 * objective,
        "the saved model does not have the reported objective");
  }

  @Test
  void badInputFailsWithFileAndLineAndKeepsEarlierOutput() throws Exception {
    Path bad = dir.resolve("bad.libsvm");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(data).subList(0, 100));
    lines.set(56, "+1 3:0.5 7:oops");
    Files.write(bad, lines);
    Path out = dir.resolve("kept");
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.json"), "{\"earlier\": true}");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = CurvatureMain.execute("train", "--data", bad.toString(), "--reg-param", "0.001", "--output",
          out.toString(), "--master", "local[2]");
    } finally {
      System.setErr(saved);
    }
    assertEquals(ExitCode.INPUT_ERROR, code);
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("bad.libsvm:57: 'oops' is not a number"), message);
    assertEquals("{\"earlier\": true}", Files.readString(out.resolve("report.json")));
  }

  @Test
  void usageErrorsExitWithTwoAndBudgetsWithThree() throws Exception {
    assertEquals(ExitCode.USAGE, CurvatureMain.execute("train", "--data", data.toString()));
    assertEquals(ExitCode.USAGE, CurvatureMain.execute("train", "--data", data.toString(), "--reg-param",
        "one", "--output", "x"));
    assertEquals(ExitCode.NOT_CONVERGED, CurvatureMain.execute("train", "--data", data.toString(),
        "--reg-param", "1e-3", "--max-iter", "1", "--output", dir.resolve("budget").toString(), "--master",
        "local[2]", "--quiet"));
    assertTrue(Files.exists(dir.resolve("budget/model/model.json")), "a model is written even when not converged");
  }
}
