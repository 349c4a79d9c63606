package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import io.curvature.workers.RowLoss;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command for every model kind, its penalties and its label checks, end to end on local[2]. */
class TrainModelsEndToEndTest {
  @TempDir static Path dir;

  /** A LIBSVM file of the matrix's rows (labels as given, integers printed without a fraction). */
  static Path write(String name, RandomProblems.Matrix m) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      double y = m.labels()[i];
      StringBuilder b = new StringBuilder(y == Math.rint(y) ? Long.toString((long) y) : Double.toString(y));
      for (int j = 0; j < m.cols(); j++) {
        double x = m.data()[i * m.cols() + j];
        if (x != 0) {
          b.append(' ').append(j + 1).append(':').append(x);
        }
      }
      lines.add(b.toString());
    }
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  static RandomProblems.Matrix data(ModelKind kind, int classes, long seed) {
    RowLoss loss = kind.loss(classes);
    return LossProblems.relabel(RandomProblems.matrix(seed, 2000, 12, 0.5, 2.0, false, false), loss, seed);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = CurvatureMain.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  private static String[] train(Path data, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out.toString(),
        "--master", "local[2]", "--partitions", "2", "--quiet", "--tol", "1e-8"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void everyModelTrainsAndItsSavedModelHasTheReportedObjective() throws Exception {
    long seed = 40;
    for (ModelKind kind : ModelKind.values()) {
      int classes = kind == ModelKind.MULTINOMIAL ? 4 : 2;
      RandomProblems.Matrix m = data(kind, classes, seed++);
      Path file = write(kind.cliName() + ".libsvm", m);
      Path out = dir.resolve("out-" + kind.cliName());
      Run r = run(train(file, out, "--model", kind.cliName(), "--reg-param", "1e-2", "--fit-intercept",
          "--standardize", "--solver", "auto"));
      assertEquals(ExitCode.OK, r.code(), kind + ": " + r.err() + r.out());
      JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
      assertEquals(kind.cliName(), report.get("model").asText());
      assertEquals(kind.isClassifier() ? classes : 0, report.get("classes").asInt());
      assertEquals(kind.cliName(), report.get("config").get("model").asText());
      GlmModel model = ModelIo.read(new org.apache.hadoop.fs.Path(out.resolve("model").toUri()), new Configuration())
          .toModel();
      assertEquals(kind, model.kind());
      assertEquals(kind.outputs(classes), model.coefficients().length);
      GlmProblem problem = GlmProblem.of(new LocalBlockSums(m.csrBlocks(1)), model.spec());
      double objective = report.get("objective").asDouble();
      assertEquals(objective, problem.objective().fullValue(model.point()), 1e-10 * Math.abs(objective),
          kind + ": the saved model does not have the reported objective");
    }
  }

  @Test
  void elasticNetNeedsAnL1SolverAndEachGivesTheSameSparseModel() throws Exception {
    Path file = write("binary.libsvm", data(ModelKind.LOGISTIC, 2, 7));
    Run refused = run(train(file, dir.resolve("refused"), "--reg-param", "0.05", "--elastic-net", "0.5",
        "--solver", "tron"));
    assertEquals(ExitCode.USAGE, refused.code());
    assertTrue(refused.err().contains("tron cannot minimize an L1 penalty"), refused.err());
    Run ok = run(train(file, dir.resolve("lasso"), "--reg-param", "0.05", "--elastic-net", "1", "--solver",
        "owlqn", "--fit-intercept"));
    assertEquals(ExitCode.OK, ok.code(), ok.err());
    GlmModel model = ModelIo.read(new org.apache.hadoop.fs.Path(dir.resolve("lasso/model").toUri()),
        new Configuration()).toModel();
    long zeros = java.util.Arrays.stream(model.coefficients()[0]).filter(c -> c == 0).count();
    assertTrue(zeros > 0 && zeros < 12, zeros + " zero coefficients of 12");
    assertEquals(1.0, model.spec().elasticNet());
    // proximal Newton, by name and as auto's choice, reaches the same lasso optimum with the same zeros
    for (String solver : new String[] {"prox-newton", "auto"}) {
      Path out = dir.resolve("lasso-" + solver);
      Run prox = run(train(file, out, "--reg-param", "0.05", "--elastic-net", "1", "--solver", solver,
          "--fit-intercept"));
      assertEquals(ExitCode.OK, prox.code(), prox.err());
      JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
      assertEquals(solver.equals("auto") ? "auto:prox-newton" : "prox-newton", report.get("solver").asText());
      JsonNode owlqn = Json.MAPPER.readTree(dir.resolve("lasso/report.json").toFile());
      assertEquals(owlqn.get("objective").asDouble(), report.get("objective").asDouble(),
          1e-7 * owlqn.get("objective").asDouble(), solver + " and owlqn disagree");
      GlmModel proxModel = ModelIo.read(new org.apache.hadoop.fs.Path(out.resolve("model").toUri()),
          new Configuration()).toModel();
      for (int j = 0; j < 12; j++) {
        assertEquals(model.coefficients()[0][j] == 0, proxModel.coefficients()[0][j] == 0, "zero pattern at " + j);
      }
    }
  }

  @Test
  void exactNewtonSolvesLeastSquaresInOnePass() throws Exception {
    Path file = write("linear.libsvm", data(ModelKind.LINEAR, 0, 9));
    Path out = dir.resolve("linear-newton");
    Run r = run(train(file, out, "--model", "linear", "--reg-param", "0.1", "--fit-intercept", "--solver",
        "newton"));
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    assertEquals(1, report.get("passes").asInt(), report.toString());
    assertEquals(1, report.get("iterations").asInt());
  }

  @Test
  void labelsTheModelCannotTakeAreReportedWithFileAndLine() throws Exception {
    RandomProblems.Matrix m = data(ModelKind.MULTINOMIAL, 3, 11);
    double[] labels = m.labels().clone();
    labels[56] = 2.5;
    Path bad = write("bad-class.libsvm", new RandomProblems.Matrix(m.rows(), m.cols(), m.data(), labels, null));
    Run r = run(train(bad, dir.resolve("x"), "--model", "multinomial", "--reg-param", "0.01"));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().contains("bad-class.libsvm:57: label '2.5' is not a class index"), r.err());

    Path binary = write("three.libsvm", data(ModelKind.MULTINOMIAL, 3, 12));
    r = run(train(binary, dir.resolve("y"), "--model", "logistic", "--reg-param", "0.01"));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().matches("(?s).*three.libsvm:\\d+: label '2' is not binary.*"), r.err());

    labels = data(ModelKind.POISSON, 0, 13).labels().clone();
    labels[9] = -3;
    Path negative = write("negative.libsvm", new RandomProblems.Matrix(m.rows(), m.cols(), m.data(), labels, null));
    r = run(train(negative, dir.resolve("z"), "--model", "poisson", "--reg-param", "0.01"));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().contains("negative.libsvm:10: label '-3' is negative"), r.err());

    // a class with no rows: labels 0, 1, 3
    labels = data(ModelKind.MULTINOMIAL, 3, 14).labels().clone();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = labels[i] == 2 ? 3 : labels[i];
    }
    Path gap = write("gap.libsvm", new RandomProblems.Matrix(m.rows(), m.cols(), m.data(), labels, null));
    r = run(train(gap, dir.resolve("g"), "--model", "multinomial", "--reg-param", "0.01"));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().contains("class 2 of 0..3 has no rows"), r.err());
  }
}
