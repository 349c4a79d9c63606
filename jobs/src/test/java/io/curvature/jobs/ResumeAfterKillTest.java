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
 * A training process killed with SIGKILL mid-run, resumed from its last checkpoint, ends with the model an
 * uninterrupted run writes, bit for bit; so does a run stopped by its budget and resumed with a larger one.
 */
class ResumeAfterKillTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void data() throws Exception {
    data = dir.resolve("train.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(20000, 400, 12, 0.3, 21),
        new org.apache.hadoop.fs.Path(data.toUri()), new Configuration());
  }

  private static List<String> args(String solver, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--output", out.toString(),
        "--solver", solver, "--reg-param", "1e-5", "--fit-intercept", "--tol", "1e-9", "--master", "local[2]",
        "--partitions", "2", "--quiet"));
    a.addAll(List.of(extra));
    return a;
  }

  private static double[] model(Path out) throws Exception {
    return ModelIo.read(new org.apache.hadoop.fs.Path(out.resolve("model").toUri()), new Configuration()).point();
  }

  private static int checkpointIteration(Path checkpoints) {
    try {
      JsonNode c = Json.MAPPER.readTree(checkpoints.resolve("checkpoint.json").toFile());
      return c.at("/state/iteration").asInt(-1);
    } catch (Exception e) {
      return -1;                                    // not written yet
    }
  }

  @Test
  void aKilledRunResumesToTheSameBits() throws Exception {
    Path reference = dir.resolve("uninterrupted");
    assertEquals(ExitCode.OK, CurvatureMain.execute(args("lbfgs", reference).toArray(new String[0])));
    int iterations = Json.MAPPER.readTree(reference.resolve("report.json").toFile()).get("iterations").asInt();
    assertTrue(iterations > 12, "enough iterations to kill in the middle: " + iterations);

    Path checkpoints = dir.resolve("checkpoints");
    // the child stops for good after writing the checkpoint of iteration 6 (TrainCommand's test hook): it is killed
    // there, mid-run, however fast or slow the machine
    List<String> command = ChildJvm.command(List.of("-Dcurvature.test.pauseAfterCheckpoint=6"), CurvatureMain.class,
        args("lbfgs", dir.resolve("killed"), "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "1"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (checkpointIteration(checkpoints) < 6 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);                           // polling a file; the outcome does not depend on the interval
      }
      assertEquals(6, checkpointIteration(checkpoints), "the child stops after the checkpoint of iteration 6:\n"
          + Files.readString(dir.resolve("child.log")));
      assertTrue(child.isAlive(), "the child ended instead of waiting to be killed:\n"
          + Files.readString(dir.resolve("child.log")));
      child.destroyForcibly();                      // SIGKILL: no shutdown hook, no cleanup
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    int at = checkpointIteration(checkpoints);
    assertEquals(6, at, "killed after the checkpoint of iteration 6 of " + iterations);
    assertTrue(!Files.exists(dir.resolve("killed/model")), "a killed run writes no model");

    Path resumed = dir.resolve("resumed");
    assertEquals(ExitCode.OK, CurvatureMain.execute(args("lbfgs", resumed, "--checkpoint-dir",
        checkpoints.toString(), "--resume").toArray(new String[0])));
    assertArrayEquals(model(reference), model(resumed), 0.0, "resumed from iteration " + at);
    JsonNode report = Json.MAPPER.readTree(resumed.resolve("report.json").toFile());
    assertEquals(iterations, report.get("iterations").asInt());
    assertEquals(at, report.get("resumedFrom").asInt());
  }

  @Test
  void aRunStoppedByItsBudgetResumesToTheSameBitsAndOtherSettingsAreRefused() throws Exception {
    Path reference = dir.resolve("tron-whole");
    assertEquals(ExitCode.OK, CurvatureMain.execute(args("tron", reference).toArray(new String[0])));
    Path checkpoints = dir.resolve("tron-checkpoints");
    assertEquals(ExitCode.NOT_CONVERGED, CurvatureMain.execute(args("tron", dir.resolve("tron-part"),
        "--max-iter", "3", "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "1")
        .toArray(new String[0])));
    Path resumed = dir.resolve("tron-resumed");
    assertEquals(ExitCode.OK, CurvatureMain.execute(args("tron", resumed, "--checkpoint-dir",
        checkpoints.toString(), "--resume").toArray(new String[0])));
    assertArrayEquals(model(reference), model(resumed), 0.0);

    List<String> other = args("tron", dir.resolve("tron-other"), "--checkpoint-dir", checkpoints.toString(),
        "--resume");
    other.set(other.indexOf("1e-5"), "2e-5");
    assertEquals(ExitCode.INPUT_ERROR, CurvatureMain.execute(other.toArray(new String[0])));
  }
}
