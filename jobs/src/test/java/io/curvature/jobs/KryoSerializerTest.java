package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.jobs.data.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs run where {@code spark.serializer} is Kryo, as many clusters' defaults set it, even with
 * {@code spark.kryo.registrationRequired}: Spark then writes task results, shuffled values, broadcasts and serialized
 * cached blocks with Kryo, which cannot write Java records and refuses classes nobody registered. A child JVM (a
 * Spark context's serializer is fixed when it starts, and the tests share one) trains through each path that writes
 * with it (results of one aggregation level, the shuffle of two, blocks cached serialized, a wide model's broadcast
 * point and per-partition columns), evaluates and predicts, and fits a Spark ML estimator in a session of its own;
 * the models are the bits this JVM's runs with Spark's default serializer give (the ML fit's to 1e-9).
 */
class KryoSerializerTest {
  @TempDir static Path dir;
  static Path data;
  static Path wide;

  /** The runs, each a train command's output folder, its data (narrow or wide) and solver, and its extra flags. */
  static final String[][] RUNS = {
      {"tron", "narrow", "tron", "--partitions", "2"},
      {"lbfgs-serialized-blocks", "narrow", "lbfgs", "--partitions", "2", "--storage-level", "MEMORY_AND_DISK_SER"},
      {"newton-two-levels", "narrow", "newton", "--partitions", "40"},
      // 40,000 coefficients: the point goes by broadcast, and each partition's rows touch a few of the columns,
      // so partials are compact and the columns lists are broadcast too.
      {"lbfgs-wide", "wide", "lbfgs", "--partitions", "2"},
  };

  @BeforeAll
  static void data() throws Exception {
    data = dir.resolve("train.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(3000, 60, 8, 0.3, 5),
        new org.apache.hadoop.fs.Path(data.toUri()), new Configuration());
    wide = dir.resolve("wide.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(3000, 40000, 6, 0.3, 7),
        new org.apache.hadoop.fs.Path(wide.toUri()), new Configuration());
  }

  static List<String> train(Path out, String[] run) {
    Path input = run[1].equals("wide") ? wide : data;
    List<String> a = new ArrayList<>(List.of("train", "--data", input.toString(), "--output", out.toString(),
        "--solver", run[2], "--reg-param", "1e-3", "--fit-intercept", "--tol", "1e-8", "--master", "local[2]",
        "--quiet"));
    a.addAll(List.of(run).subList(3, run.length));
    return a;
  }

  /** The child: every run under Kryo, then evaluate and predict with the first model; exits with the first failure. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    data = Path.of(args[1]);
    wide = Path.of(args[2]);
    System.out.println("serializer: " + new org.apache.spark.SparkConf().get("spark.serializer", "default"));
    for (String[] run : RUNS) {
      int code = CurvatureMain.execute(train(root.resolve(run[0]), run).toArray(new String[0]));
      if (code != ExitCode.OK) {
        System.exit(10 + code);
      }
    }
    String model = root.resolve(RUNS[0][0]).resolve("model").toString();
    int code = CurvatureMain.execute("evaluate", "--model", model, "--data", data.toString(), "--output",
        root.resolve("metrics.json").toString(), "--master", "local[2]");
    if (code == ExitCode.OK) {
      code = CurvatureMain.execute("predict", "--model", model, "--data", data.toString(), "--output",
          root.resolve("predictions").toString(), "--master", "local[2]");
    }
    if (code != ExitCode.OK) {
      System.exit(30 + code);
    }
    // A Spark ML fit in a session of the user's, which lists the registrator itself as the README says.
    org.apache.spark.sql.SparkSession session = org.apache.spark.sql.SparkSession.builder().master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.kryo.registrator", io.curvature.driver.spark.CurvatureKryoRegistrator.class.getName())
        .getOrCreate();
    try {
      Files.writeString(root.resolve("ml-coefficients.txt"), java.util.Arrays.toString(mlFit(session)));
    } finally {
      session.stop();
    }
    System.exit(0);
  }

  /** CurvatureLogisticRegression on the narrow data, its coefficients then its intercept. */
  static double[] mlFit(org.apache.spark.sql.SparkSession session) {
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame = session.read().format("libsvm")
        .load(data.toString());
    io.curvature.driver.ml.CurvatureLogisticRegressionModel m = new io.curvature.driver.ml.CurvatureLogisticRegression()
        .setRegParam(1e-3).setSolver("tron").setTol(1e-10).fit(frame);
    double[] c = m.coefficients().toArray();
    double[] out = java.util.Arrays.copyOf(c, c.length + 1);
    out[c.length] = m.intercept();
    return out;
  }

  private static double[] model(Path out) throws Exception {
    return ModelIo.read(new org.apache.hadoop.fs.Path(out.resolve("model").toUri()), new Configuration()).point();
  }

  @Test
  void underKryoEveryPathRunsAndGivesTheDefaultSerializersBits() throws Exception {
    Path kryo = dir.resolve("kryo");
    List<String> command = ChildJvm.command(List.of("-Dspark.serializer=org.apache.spark.serializer.KryoSerializer",
        "-Dspark.kryo.registrationRequired=true"), KryoSerializerTest.class,
        List.of(kryo.toString(), data.toString(), wide.toString()));
    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child did not finish in 5 minutes");
      assertEquals(0, child.exitValue(), () -> "the child failed:\n" + tail(log));
    } finally {
      child.destroyForcibly();
    }
    String childLog = Files.readString(log);
    assertTrue(childLog.contains("serializer: org.apache.spark.serializer.KryoSerializer"),
        "the child ran with Kryo:\n" + tail(log));

    for (String[] run : RUNS) {
      Path reference = dir.resolve("default-" + run[0]);
      assertEquals(ExitCode.OK, CurvatureMain.execute(train(reference, run).toArray(new String[0])));
      assertArrayEquals(model(reference), model(kryo.resolve(run[0])), 0.0, run[0]);
    }
    JsonNode metrics = Json.MAPPER.readTree(kryo.resolve("metrics.json").toFile());
    assertTrue(metrics.get("areaUnderROC").asDouble() > 0.7, metrics.toString());
    assertTrue(Files.exists(kryo.resolve("predictions")), "predictions written");
    double[] expected = mlFit(io.curvature.driver.testing.TestSpark.session());
    String[] got = Files.readString(kryo.resolve("ml-coefficients.txt")).replaceAll("[\\[\\] ]", "").split(",");
    assertEquals(expected.length, got.length);
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], Double.parseDouble(got[j]), 1e-9 * Math.max(1, Math.abs(expected[j])), "ML coef " + j);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
