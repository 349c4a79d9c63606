package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.testing.TestSpark;
import io.curvature.jobs.data.SyntheticData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a nightly pipeline needs of train, evaluate and predict, end to end on local[2]. */
class ScheduledTrainingTest {
  @TempDir static Path dir;
  static Path libsvm;
  static List<String> lines;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Run(CurvatureMain.execute(args), out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }

  static String[] train(Object data, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out.toString(),
        "--master", "local[2]", "--partitions", "2", "--quiet", "--reg-param", "1e-3", "--fit-intercept"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  static JsonNode report(Path out) throws Exception {
    return Json.MAPPER.readTree(out.resolve("report.json").toFile());
  }

  @BeforeAll
  static void data() throws Exception {
    libsvm = dir.resolve("day1.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(3000, 30, 8, 0.5, 11),
        new org.apache.hadoop.fs.Path(libsvm.toUri()), new Configuration());
    lines = Files.readAllLines(libsvm);
  }

  /** The rows of the LIBSVM file as dense double arrays (label first). */
  static double[][] dense() {
    double[][] rows = new double[lines.size()][31];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(" ");
      rows[i][0] = Double.parseDouble(f[0]) > 0 ? 1 : 0;
      for (int t = 1; t < f.length; t++) {
        String[] kv = f[t].split(":");
        rows[i][Integer.parseInt(kv[0])] = Double.parseDouble(kv[1]);
      }
    }
    return rows;
  }

  @Test
  void csvParquetAndCompressedLibsvmTrainTheSameModel() throws Exception {
    double[][] rows = dense();
    StringBuilder csv = new StringBuilder("label");
    for (int j = 1; j <= 30; j++) {
      csv.append(",f").append(j);
    }
    csv.append('\n');
    for (double[] r : rows) {
      csv.append((int) r[0]);
      for (int j = 1; j <= 30; j++) {
        csv.append(',').append(r[j]);
      }
      csv.append("\r\n");                            // CRLF is accepted
    }
    Files.writeString(dir.resolve("day1.csv"), csv);
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("day1.csv.gz")))) {
      gz.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("day1.libsvm.gz")))) {
      gz.write(Files.readAllBytes(libsvm));
    }
    List<Row> vectorRows = new ArrayList<>();
    List<Row> numericRows = new ArrayList<>();
    for (double[] r : rows) {
      vectorRows.add(RowFactory.create(r[0], Vectors.dense(java.util.Arrays.copyOfRange(r, 1, 31)).compressed()));
      Object[] cells = new Object[31];
      for (int j = 0; j < 31; j++) {
        cells[j] = r[j];
      }
      numericRows.add(RowFactory.create(cells));
    }
    TestSpark.session().createDataFrame(vectorRows, new StructType().add("label", DataTypes.DoubleType)
        .add("features", new VectorUDT())).coalesce(1).write().parquet(dir.resolve("day1.parquet").toString());
    StructType numeric = new StructType().add("y", DataTypes.DoubleType);
    StringBuilder cols = new StringBuilder();
    for (int j = 1; j <= 30; j++) {
      numeric = numeric.add("f" + j, DataTypes.DoubleType);
      cols.append(j > 1 ? "," : "").append("f").append(j);
    }
    TestSpark.session().createDataFrame(numericRows, numeric).write().parquet(dir.resolve("numeric.parquet")
        .toString());

    double expected = Double.NaN;
    Object[][] inputs = {{libsvm}, {dir.resolve("day1.libsvm.gz")}, {dir.resolve("day1.csv")},
        {dir.resolve("day1.csv.gz")}, {dir.resolve("day1.parquet")},
        {dir.resolve("numeric.parquet"), "--label-col", "y", "--features-col", cols.toString()}};
    for (Object[] input : inputs) {
      Path out = dir.resolve("formats-" + input[0].toString().replaceAll("\\W", "") + input.length);
      List<String> extra = new ArrayList<>();
      for (int t = 1; t < input.length; t++) {
        extra.add(input[t].toString());
      }
      Run r = run(train(input[0], out, extra.toArray(new String[0])));
      assertEquals(ExitCode.OK, r.code(), input[0] + ": " + r.err());
      double objective = report(out).get("objective").asDouble();
      if (Double.isNaN(expected)) {
        expected = objective;
      }
      assertEquals(expected, objective, 1e-12 * expected, input[0].toString());
      assertEquals(30, report(out).get("d").asInt());
    }
  }

  @Test
  void badLinesNameFileAndLineInEveryFormat() throws Exception {
    List<String> bad = new ArrayList<>(lines);
    bad.set(56, "+1 3:0.5 7:oops");
    Path gz = dir.resolve("bad.libsvm.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((String.join("\n", bad) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Run r = run(train(gz, dir.resolve("bad1")));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().contains("bad.libsvm.gz:57: 'oops' is not a number"), r.err());
    assertTrue(r.err().lines().count() <= 2, "one clear line, not Spark's stack traces:\n" + r.err());

    Files.writeString(dir.resolve("bad.csv"), "label,a,b\n1,0.5,2\n0,1,x\n");
    r = run(train(dir.resolve("bad.csv"), dir.resolve("bad2")));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().contains("bad.csv:3: 'x' in column 'b' is not a number"), r.err());

    Files.writeString(dir.resolve("label.csv"), "label,a,b\n1,0.5,2\n3,1,1\n");
    r = run(train(dir.resolve("label.csv"), dir.resolve("bad3")));
    assertTrue(r.err().contains("label.csv:3: label '3' is not binary"), r.err());

    List<Row> rows = List.of(RowFactory.create(1.0, Vectors.dense(1, 2)), RowFactory.create(2.0,
        Vectors.dense(3, 4)));
    TestSpark.session().createDataFrame(rows, new StructType().add("label", DataTypes.DoubleType)
        .add("features", new VectorUDT())).coalesce(1).write().parquet(dir.resolve("bad.parquet").toString());
    r = run(train(dir.resolve("bad.parquet"), dir.resolve("bad4")));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().matches("(?s).*part-\\S+\\.parquet row 2: label 2.0 is not binary.*"), r.err());
  }

  @Test
  void configFilesSetOptionsFlagsOverrideThemUnknownKeysAreRefused() throws Exception {
    Path json = dir.resolve("nightly.json");
    Files.writeString(json, "{\"data\": \"" + libsvm + "\", \"reg-param\": \"1/100\", \"solver\": \"lbfgs\","
        + " \"fit-intercept\": true, \"master\": \"local[2]\", \"quiet\": true}");
    Path out = dir.resolve("config-json");
    Run r = run("train", "--config", json.toString(), "--output", out.toString(), "--reg-param", "1e-2");
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode config = report(out).get("config");
    assertEquals("lbfgs", config.get("solver").asText());
    assertEquals(0.01, config.get("regParam").asDouble(), 1e-18);
    assertTrue(config.get("fitIntercept").asBoolean());
    Path props = dir.resolve("nightly.properties");
    Files.writeString(props, "data = " + libsvm + "\nreg-param = 1e-3\nsolver=tron\nquiet=true\n");
    r = run("train", "--config", props.toString(), "--output", dir.resolve("config-props").toString(), "--solver",
        "newton", "--master", "local[2]");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals("newton", report(dir.resolve("config-props")).get("solver").asText(), "the flag wins");
    Files.writeString(dir.resolve("typo.json"), "{\"reg-parm\": 1}");
    r = run("train", "--config", dir.resolve("typo.json").toString(), "--data", libsvm.toString(), "--output", "x");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("unknown key [reg-parm]"), r.err());
    r = run("train", "--config", dir.resolve("missing.json").toString(), "--output", "x");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("missing.json: cannot read the config"), r.err());
  }

  @Test
  void warmStartsFromYesterdaysModelAndRefusesAnotherShape() throws Exception {
    Path day1 = dir.resolve("warm-day1");
    assertEquals(ExitCode.OK, run(train(libsvm, day1, "--tol", "1e-8")).code());
    List<String> more = new ArrayList<>(lines);
    more.addAll(Files.readAllLines(libsvm).subList(0, 150));   // 5% more rows
    Path day2data = dir.resolve("day2.libsvm");
    Files.write(day2data, more);
    Path cold = dir.resolve("warm-cold");
    Path warm = dir.resolve("warm-warm");
    assertEquals(ExitCode.OK, run(train(day2data, cold, "--tol", "1e-8")).code());
    Run r = run(train(day2data, warm, "--tol", "1e-8", "--warm-start", day1.resolve("model").toString()));
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode w = report(warm);
    JsonNode c = report(cold);
    assertTrue(w.get("passes").asLong() < c.get("passes").asLong(), "warm " + w.get("passes") + " passes, cold "
        + c.get("passes"));
    assertEquals(c.get("objective").asDouble(), w.get("objective").asDouble(), 1e-9 * c.get("objective").asDouble());
    assertTrue(w.get("warmStart").asText().endsWith("model"));
    r = run(train(day2data, dir.resolve("warm-bad"), "--warm-start", day1.resolve("model").toString(), "--model",
        "svm"));
    assertEquals(ExitCode.INPUT_ERROR, r.code());
    assertTrue(r.err().contains("a logistic model with 30 features") && r.err().contains("cannot start a svm model"),
        r.err());
  }

  @Test
  void validationEvaluateAndPredict() throws Exception {
    Path out = dir.resolve("scored");
    Run r = run(train(libsvm, out, "--validation", libsvm.toString()));
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode validation = report(out).get("validation");
    assertTrue(validation.get("areaUnderROC").asDouble() > 0.7, validation.toString());
    assertEquals(3000, validation.get("rows").asLong());
    Path metrics = dir.resolve("metrics.json");
    r = run("evaluate", "--model", out.resolve("model").toString(), "--data", libsvm.toString(), "--output",
        metrics.toString(), "--master", "local[2]");
    assertEquals(ExitCode.OK, r.code(), r.err());
    JsonNode m = Json.MAPPER.readTree(metrics.toFile());
    assertEquals(validation.get("areaUnderROC").asDouble(), m.get("areaUnderROC").asDouble(), 1e-12);
    JsonNode confusion = m.get("confusionMatrix");
    double total = confusion.get("trueNegatives").asDouble() + confusion.get("falsePositives").asDouble()
        + confusion.get("falseNegatives").asDouble() + confusion.get("truePositives").asDouble();
    assertEquals(3000, total, 0.0);
    assertEquals(10, m.get("calibration").size());
    assertTrue(r.out().contains("areaUnderROC"), r.out());

    Path predictions = dir.resolve("predictions");
    r = run("predict", "--model", out.resolve("model").toString(), "--data", libsvm.toString(), "--output",
        predictions.toString(), "--master", "local[2]");
    assertEquals(ExitCode.OK, r.code(), r.err());
    List<Row> rows = TestSpark.session().read().parquet(predictions.toString()).orderBy("row").collectAsList();
    assertEquals(3000, rows.size());
    assertEquals(0L, rows.get(0).getLong(0));
    assertEquals(2999L, rows.get(2999).getLong(0));
    double p = rows.get(5).getList(2).stream().mapToDouble(x -> (Double) x).sum();
    assertEquals(1.0, p, 1e-12, "probabilities sum to 1");
    r = run("predict", "--model", out.resolve("model").toString(), "--data", libsvm.toString(), "--output",
        predictions.toString(), "--master", "local[2]");
    assertEquals(ExitCode.USAGE, r.code(), "an existing output needs --overwrite");
  }

  @Test
  void predictScoresUnlabelledTablesAndKeepsTheirIds() throws Exception {
    Path out = dir.resolve("id-model");
    assertEquals(ExitCode.OK, run(train(libsvm, out)).code());
    String model = out.resolve("model").toString();
    Path reference = dir.resolve("id-reference");
    assertEquals(ExitCode.OK, run("predict", "--model", model, "--data", libsvm.toString(), "--output",
        reference.toString(), "--master", "local[2]").code());
    List<Row> expected = TestSpark.session().read().parquet(reference.toString()).orderBy("row").collectAsList();

    double[][] rows = dense();
    StringBuilder csv = new StringBuilder("id");                         // no label: data to score has none
    for (int j = 1; j <= 30; j++) {
      csv.append(",f").append(j);
    }
    csv.append('\n');
    List<Row> vectors = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      csv.append("user-").append(i);
      for (int j = 1; j <= 30; j++) {
        csv.append(',').append(rows[i][j]);
      }
      csv.append('\n');
      vectors.add(RowFactory.create("user-" + i, Vectors.dense(java.util.Arrays.copyOfRange(rows[i], 1, 31))
          .compressed()));
    }
    Files.writeString(dir.resolve("to-score.csv"), csv);
    TestSpark.session().createDataFrame(vectors, new StructType().add("user", DataTypes.StringType)
        .add("features", new VectorUDT())).repartition(3).write().parquet(dir.resolve("to-score.parquet").toString());

    for (String[] input : new String[][] {{"to-score.csv", "id"}, {"to-score.parquet", "user"}}) {
      Path scored = dir.resolve("scored-" + input[0]);
      Run r = run("predict", "--model", model, "--data", dir.resolve(input[0]).toString(), "--id-col", input[1],
          "--output", scored.toString(), "--master", "local[2]");
      assertEquals(ExitCode.OK, r.code(), r.err());
      List<Row> got = TestSpark.session().read().parquet(scored.toString()).collectAsList();
      assertEquals(rows.length, got.size());
      assertEquals(input[1], TestSpark.session().read().parquet(scored.toString()).columns()[0]);
      for (Row g : got) {
        int i = Integer.parseInt(g.getString(0).substring("user-".length()));
        Row e = expected.get(i);
        assertEquals(e.getDouble(1), g.getDouble(2), 0.0, input[0] + " " + g.getString(0));
        assertEquals((Double) e.getList(3).get(0), (Double) g.getList(4).get(0), 1e-12, input[0] + " margin");
      }
    }

    String header = csv.substring(0, csv.indexOf("\n"));
    Files.writeString(dir.resolve("narrow.csv"), "id,a,b\nx,1,2\n");
    Run narrow = run("predict", "--model", model, "--data", dir.resolve("narrow.csv").toString(), "--id-col", "id",
        "--output", dir.resolve("narrow-out").toString(), "--master", "local[2]");
    assertEquals(ExitCode.INPUT_ERROR, narrow.code(), narrow.err());
    assertTrue(narrow.err().contains("2 feature columns [a, b], the model has 30 features"), narrow.err());
    Files.writeString(dir.resolve("holes.csv"), header + "\nx" + ",1".repeat(30) + "\ny," + ",1".repeat(29) + "\n");
    Run holes = run("predict", "--model", model, "--data", dir.resolve("holes.csv").toString(), "--id-col", "id",
        "--output", dir.resolve("holes-out").toString(), "--master", "local[2]");
    assertEquals(ExitCode.INPUT_ERROR, holes.code(), holes.err());
    assertTrue(holes.err().contains("holes.csv: row 1: feature column 'f1' is null"), holes.err());
    assertFalse(Files.exists(dir.resolve("holes-out")));
    Run noId = run("predict", "--model", model, "--data", dir.resolve("to-score.csv").toString(), "--id-col",
        "customer", "--output", dir.resolve("no-id").toString(), "--master", "local[2]");
    assertEquals(ExitCode.INPUT_ERROR, noId.code(), noId.err());
    assertTrue(noId.err().contains("the id column 'customer' is not in the data"), noId.err());
  }

  @Test
  void usageErrorsExitTwoBeforeSparkAndBadInputExitsOne() throws Exception {
    String data = libsvm.toString();
    String[][] usage = {
        {"train", "--data", data, "--reg-param", "1e-3", "--solver", "foo", "--output", "x"},
        {"train", "--data", data, "--reg-param", "-1", "--output", "x"},
        {"train", "--data", data, "--reg-param", "1e-3", "--tol", "0", "--output", "x"},
        {"train", "--data", data, "--reg-param", "1e-3", "--max-iter", "0", "--output", "x"},
        {"train", "--data", data, "--reg-param", "1e-3", "--partitions", "-3", "--output", "x"},
        {"generate", "--rows", "10", "--features", "5", "--output", "y"},
        {}};
    for (String[] args : usage) {
      assertEquals(ExitCode.USAGE, run(args).code(), String.join(" ", args));
    }
    Run missing = run("train", "--data", dir.resolve("nope.libsvm").toString(), "--reg-param", "1e-3", "--output",
        "x");
    assertEquals(ExitCode.INPUT_ERROR, missing.code());
    assertTrue(missing.err().contains("nope.libsvm: no such file"), missing.err());
    Run lower = run(train(libsvm, dir.resolve("lower"), "--precision", "float32", "--layout", "sparse"));
    assertEquals(ExitCode.OK, lower.code(), "the README's spelling is accepted: " + lower.err());
    Run again = run(train(libsvm, dir.resolve("lower"), "--precision", "float32"));
    assertEquals(ExitCode.USAGE, again.code());
    assertTrue(again.err().contains("exists: pass --overwrite"), again.err());
    assertEquals(ExitCode.OK, run(train(libsvm, dir.resolve("lower"), "--overwrite")).code());

    Files.writeString(dir.resolve("one-class.libsvm"), "1 1:1\n1 2:1\n1 1:0.5\n");
    Run single = run(train(dir.resolve("one-class.libsvm"), dir.resolve("single")));
    assertEquals(ExitCode.INPUT_ERROR, single.code());
    assertTrue(single.err().contains("every training label is 1"), single.err());
    Files.writeString(dir.resolve("empty.libsvm"), "");
    Run empty = run(train(dir.resolve("empty.libsvm"), dir.resolve("empty")));
    assertEquals(ExitCode.INPUT_ERROR, empty.code());
    assertTrue(empty.err().contains("is empty"), empty.err());
  }

  /**
   * Separable classes at regParam 0: the logistic loss keeps shrinking as the coefficients grow. The run stops at the
   * tolerance, at a finite model, and the report says why it is not a meaningful one; the point-norm guard stops a
   * run that would go on growing (DIVERGED, nothing written), tested on the solvers.
   */
  @Test
  void separableDataAtTinyLambdaStopsWithAClearWarning() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      double x = (i % 2 == 0 ? 1 : -1) * (1 + i % 7);
      b.append(x > 0 ? "+1" : "-1").append(" 1:").append(x).append(" 2:").append(i % 3).append('\n');
    }
    Files.writeString(dir.resolve("separable.libsvm"), b);
    Path out = dir.resolve("separable");
    Run r = run("train", "--data", dir.resolve("separable.libsvm").toString(), "--output", out.toString(),
        "--master", "local[2]", "--reg-param", "0", "--quiet", "--tol", "1e-10", "--max-iter", "10000");
    assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("warning: the training classes are separable"), r.out());
    assertTrue(report(out).get("warnings").get(0).asText().contains("separable"));
    assertTrue(report(out).get("iterations").asInt() < 100, "it stopped, it did not run away");
  }

  @Test
  void credentialsNeverReachReports() {
    assertEquals("s3a://" + Redaction.REDACTED + "@bucket/data", Redaction.redact("s3a://AKIA:secret@bucket/data"));
    var settings = Redaction.redact(java.util.Map.of("spark.hadoop.fs.s3a.secret.key", "abc",
        "spark.hadoop.fs.s3a.access.key", "AKIA", "spark.executor.memory", "2g"));
    assertEquals(Redaction.REDACTED, settings.get("spark.hadoop.fs.s3a.secret.key"));
    assertEquals(Redaction.REDACTED, settings.get("spark.hadoop.fs.s3a.access.key"));
    assertEquals("2g", settings.get("spark.executor.memory"));
  }

  @Test
  void reportsRecordTheSettingsUsed() throws Exception {
    Path out = dir.resolve("effective");
    assertEquals(ExitCode.OK, run("train", "--data", libsvm.toString(), "--output", out.toString(),
        "--master", "local[2]", "--reg-param", "1e-3", "--quiet").code());
    JsonNode report = report(out);
    assertEquals(report.get("partitions").asInt(), report.get("config").get("partitions").asInt(),
        "the partitions used, not 0");
    assertTrue(report.get("partitions").asInt() >= 1);
    assertEquals(30, report.get("config").get("numFeatures").asInt());
    assertEquals("local[2]", report.get("config").get("master").asText());
    assertEquals("libsvm", report.get("config").get("format").asText());
    assertTrue(report.get("blas").asText().endsWith("BLAS"));
    assertTrue(report.get("preconditioner").asText().startsWith("sample Hessian"));
    assertTrue(report.has("version") && report.get("sparkConf").has("spark.master"));
    JsonNode storage = report.get("storage");                             // default MEMORY_ONLY: all in memory
    assertEquals(report.get("partitions").asInt(), storage.get("cachedPartitions").asInt(), storage.toString());
    assertTrue(storage.get("memoryBytes").asLong() > 0 && storage.get("diskBytes").asLong() == 0, storage.toString());
    assertTrue(storage.get("level").asText().startsWith("Memory"), storage.toString());
  }

  @Test
  void anUnreachableFileSystemIsAnInfrastructureFailure() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();                                        // closed again: nothing listens there
    }
    // spark.hadoop.* settings (as spark-submit --conf passes them) reach the early path check: no 10 s of retries.
    System.setProperty("spark.hadoop.ipc.client.connect.max.retries", "0");
    try {
      Run r = run("train", "--data", "hdfs://127.0.0.1:" + port + "/nightly/day.libsvm", "--output",
          dir.resolve("unreachable").toString(), "--master", "local[2]", "--reg-param", "1e-3");
      assertEquals(ExitCode.INFRASTRUCTURE, r.code(), r.err());
      assertTrue(r.err().contains(":" + port) && r.err().contains("retry later"), r.err());
      assertFalse(Files.exists(dir.resolve("unreachable")));
    } finally {
      System.clearProperty("spark.hadoop.ipc.client.connect.max.retries");
    }
  }
}
