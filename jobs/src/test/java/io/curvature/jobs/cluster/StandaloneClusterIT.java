package io.curvature.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.jobs.CurvatureMain;
import io.curvature.jobs.ExitCode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curvature on a real Spark standalone cluster on loopback, brought up by bench/standalone-cluster.sh (the commands the
 * README shows): one Master and two Workers as separate JVMs, the application jar submitted with SparkSubmit. The
 * model must equal the local[2] one bit for bit, also when an executor is killed mid-run, when tasks fail their first
 * attempt, and when the data exceeds the executors' storage memory (MEMORY_AND_DISK). Every process started is stopped
 * by PID, also on failure.
 */
class StandaloneClusterIT {
  @TempDir static Path dir;
  static Path root;
  static Path script;
  static Path data;
  static int port;

  @BeforeAll
  static void startCluster() throws Exception {
    root = Path.of(System.getProperty("user.dir")).getParent();          // failsafe runs in jobs/
    script = root.resolve("bench/standalone-cluster.sh");
    assertTrue(Files.exists(root.resolve("jobs/target/curvature-jobs.jar")), "the application jar is built first");
    Runtime.getRuntime().addShutdownHook(new Thread(StandaloneClusterIT::stopQuietly));
    try (ServerSocket free = new ServerSocket(0)) {                       // CI machines may run a Spark of their own
      port = free.getLocalPort();
    }
    ProcessBuilder startCommand = new ProcessBuilder("bash", script.toString(), "start",
        dir.resolve("cluster").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile());
    startCommand.environment().put("CURVATURE_MASTER_PORT", Integer.toString(port));
    Process start = startCommand.start();
    assertTrue(start.waitFor(3, TimeUnit.MINUTES) && start.exitValue() == 0, Files.readString(dir.resolve(
        "start.log")));
    data = dir.resolve("train.libsvm");
    assertEquals(0, CurvatureMain.execute("generate", "--rows", "20000", "--features", "400", "--nnz-per-row", "12",
        "--seed", "3", "--output", data.toString()));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stopQuietly();
  }

  private static void stopQuietly() {
    try {
      new ProcessBuilder("bash", script.toString(), "stop", dir.resolve("cluster").toString()).inheritIO().start()
          .waitFor(1, TimeUnit.MINUTES);
    } catch (IOException | InterruptedException e) {
      // the shutdown hook tries again
    }
  }

  /** Submits {@code args} to the cluster; returns the process, its output going to {@code log}. */
  private static Process submit(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString(), "submit",
        dir.resolve("cluster").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("CURVATURE_MASTER_PORT", Integer.toString(port));
    return pb.start();
  }

  private static List<String> train(String solver, Path data, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out.toString(),
        "--solver", solver, "--reg-param", "1e-5", "--fit-intercept", "--tol", "1e-8", "--partitions", "2"));
    a.addAll(List.of(extra));
    return a;
  }

  private static double[] model(Path out) throws Exception {
    return ModelIo.read(new org.apache.hadoop.fs.Path(out.resolve("model").toUri()), new Configuration()).point();
  }

  private static double[] local(String solver, Path data, String name) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = train(solver, data, out, "--master", "local[2]", "--quiet");
    assertEquals(ExitCode.OK, CurvatureMain.execute(args.toArray(new String[0])));
    return model(out);
  }

  private static void finish(Process p, Path log) throws Exception {
    finish(p, log, ExitCode.OK);
  }

  private static void finish(Process p, Path log, int expectedExit) throws Exception {
    assertTrue(p.waitFor(6, TimeUnit.MINUTES), "the submitted job did not finish:\n" + Files.readString(log));
    assertEquals(expectedExit, p.exitValue(), Files.readString(log));
  }

  @Test
  void theClusterFitsTheLocalModelBitForBit() throws Exception {
    Path log = dir.resolve("tron.log");
    Path out = dir.resolve("cluster-tron");
    finish(submit(log, Map.of(), train("tron", data, out, "--quiet").toArray(new String[0])), log);
    assertArrayEquals(local("tron", data, "local-tron"), model(out), 0.0);
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    assertEquals("spark://127.0.0.1:" + port, report.get("master").asText());
  }

  /** auto times the Gram kernels in a job on the executors (a local master measures in its own JVM). */
  @Test
  void autoTimesTheGramKernelsOnTheExecutors() throws Exception {
    Path log = dir.resolve("auto.log");
    Path out = dir.resolve("cluster-auto");
    Path events = Files.createDirectories(dir.resolve("auto-events"));
    finish(submit(log, Map.of("CURVATURE_SUBMIT_CONF", "--conf spark.eventLog.enabled=true "
        + "--conf spark.eventLog.compress=false --conf spark.eventLog.dir=" + events.toUri()),
        train("auto", data, out, "--quiet").toArray(new String[0])), log);
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    assertTrue(report.get("message").asText().contains("estimated"), report.get("message").asText());
    String eventLog;
    try (java.util.stream.Stream<Path> files = Files.walk(events)) {
      eventLog = files.filter(Files::isRegularFile).map(f -> {
        try {
          return Files.readString(f);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).reduce("", String::concat);
    }
    assertTrue(eventLog.contains("measure the Gram kernels' rates (auto)"), "no timing job in the event log");
  }

  /**
   * A local master whose executor loads the application's jar again (spark.executor.userClassPathFirst) has other
   * copies of Curvature's classes in its tasks, which cannot read the driver's vectors and partial slots in place:
   * the fit must notice at its first job and take a cluster's paths (broadcasts, partials as bytes), giving the
   * in-process local model's bits. The model is wide enough (30,000 coefficients) for its vectors to be broadcast.
   */
  @Test
  void aLocalMasterWhoseExecutorLoadsTheJarAgainFitsTheSameModel() throws Exception {
    Path wide = dir.resolve("wide.libsvm");
    assertEquals(0, CurvatureMain.execute("generate", "--rows", "3000", "--features", "30000", "--nnz-per-row", "8",
        "--seed", "5", "--output", wide.toString()));
    Path log = dir.resolve("child-first.log");
    Path out = dir.resolve("child-first");
    finish(submit(log, Map.of("CURVATURE_SUBMIT_CONF", "--conf spark.executor.userClassPathFirst=true"),
        train("lbfgs", wide, out, "--quiet", "--master", "local[2]").toArray(new String[0])), log);
    assertEquals("local[2]", Json.MAPPER.readTree(out.resolve("report.json").toFile()).get("master").asText());
    assertArrayEquals(local("lbfgs", wide, "local-wide-lbfgs"), model(out), 0.0);
  }

  @Test
  void anExecutorKilledMidRunChangesNothing() throws Exception {
    Path log = dir.resolve("killed.log");
    Path out = dir.resolve("cluster-killed");
    Process p = submit(log, Map.of(), train("lbfgs", data, out).toArray(new String[0]));
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!Files.readString(log).contains("iter    8") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Process pids = new ProcessBuilder("bash", script.toString(), "executors", dir.resolve("cluster").toString())
          .start();
      String first = new String(pids.getInputStream().readAllBytes()).lines().findFirst().orElseThrow(
          () -> new AssertionError("no executor to kill"));
      String atKill = Files.readString(log);
      assertTrue(p.isAlive() && atKill.contains("iter    8") && !atKill.contains("converged"),
          "the fit must be past iteration 8 and not done when its executor is killed:\n" + atKill);
      ProcessHandle.of(Long.parseLong(first.trim())).orElseThrow().destroyForcibly();   // SIGKILL
      finish(p, log);
      String after = Files.readString(log).substring(atKill.length());
      assertTrue(after.contains("converged"), "the fit went on after the kill and converged:\n" + after);
    } finally {
      p.destroyForcibly();
    }
    assertArrayEquals(local("lbfgs", data, "local-lbfgs"), model(out), 0.0, "after losing an executor");
  }

  @Test
  void tasksFailingTheirFirstAttemptChangeNothing() throws Exception {
    Path log = dir.resolve("flaky.log");
    Path out = dir.resolve("cluster-flaky");
    finish(submit(log, Map.of("CURVATURE_SUBMIT_CONF", "--conf spark.curvature.test.failFirstAttempt=true"),
        train("tron", data, out, "--quiet").toArray(new String[0])), log);
    assertArrayEquals(local("tron", data, "local-tron-2"), model(out), 0.0);
  }

  @Test
  void anExecutorDyingMidTaskChangesNothing() throws Exception {
    Path log = dir.resolve("executor-dies.log");
    Path out = dir.resolve("cluster-executor-dies");
    finish(submit(log, Map.of("CURVATURE_SUBMIT_CONF", "--conf spark.curvature.test.failFirstAttempt=executor"),
        train("tron", data, out, "--quiet").toArray(new String[0])), log);
    assertArrayEquals(local("tron", data, "local-tron-3"), model(out), 0.0);
  }

  @Test
  void executorLossBeyondRetriesIsAnInfrastructureFailure() throws Exception {
    Path log = dir.resolve("beyond-retries.log");
    Path out = dir.resolve("cluster-beyond-retries");
    finish(submit(log, Map.of("CURVATURE_SUBMIT_CONF", "--conf spark.curvature.test.failFirstAttempt=executor "
        + "--conf spark.task.maxFailures=1"), train("tron", data, out, "--quiet").toArray(new String[0])), log,
        ExitCode.INFRASTRUCTURE);
    assertTrue(Files.readString(log).contains("retry later"), Files.readString(log));
    assertTrue(!Files.exists(out.resolve("model")), "a failed run writes no model");
  }

  @Test
  void dataLargerThanStorageMemoryTrainsFromDisk() throws Exception {
    Path big = dir.resolve("big");
    assertEquals(0, CurvatureMain.execute("generate", "--rows", "1200000", "--features", "2000", "--nnz-per-row",
        "15", "--seed", "5", "--parts", "4", "--master", "local[2]", "--output", big.toString()));
    Path log = dir.resolve("disk.log");
    Path out = dir.resolve("cluster-disk");
    finish(submit(log, Map.of("CURVATURE_EXECUTOR_MEMORY", "450m"), train("lbfgs", big, out, "--quiet",
        "--storage-level", "MEMORY_AND_DISK", "--max-iter", "15").toArray(new String[0])), log,
        ExitCode.NOT_CONVERGED);                                     // the budget ends it, by design
    assertTrue(Files.readString(log).contains("15 iterations"), Files.readString(log));
    JsonNode report = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    // Two executors of 450 MB hold (450 - 300) * 0.6 = 90 MB of storage each: the data must have spilled.
    assertTrue(report.get("cachedBytes").asLong() > 2 * 90L * 1024 * 1024, report.get("cachedBytes").asText());
    JsonNode storage = report.get("storage");
    assertTrue(storage.get("level").asText().contains("Disk"), storage.toString());
    assertTrue(storage.get("diskBytes").asLong() > 0, "nothing spilled: " + storage);
    assertTrue(storage.get("memoryBytes").asLong() < report.get("cachedBytes").asLong(), storage.toString());
    assertEquals(15, report.get("iterations").asInt(), report.toString());
    assertTrue(new File(out.resolve("model/model.json").toString()).exists());
  }
}
