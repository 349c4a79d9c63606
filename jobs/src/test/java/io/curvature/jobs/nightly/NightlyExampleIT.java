package io.curvature.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import io.curvature.jobs.CurvatureMain;
import io.curvature.jobs.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked nightly example of the README, conf/nightly.sh with conf/nightly-train.json, run as a scheduler runs it
 * (./curvature, a fresh JVM per command) over three days: the first trains from scratch and is published; the second
 * (yesterday's rows plus 5% new ones) starts from the first's model, needs fewer iterations, and replaces it; the
 * third has a bad line, exits 1, and leaves the second published.
 */
class NightlyExampleIT {
  @TempDir Path root;

  private static final Path PROJECT = Path.of(System.getProperty("user.dir")).getParent();   // failsafe runs in jobs/

  /** The day's train file, the first {@code rows} of one generated stream, and its holdout, the stream's last 5,000. */
  private void data(String day, int rows, String trainExtra) throws Exception {
    Path folder = Files.createDirectories(root.resolve("data").resolve(day));
    Path stream = root.resolve("stream.libsvm");
    if (Files.notExists(stream)) {
      // Row i depends only on (seed, i), and the planted model on the seed: day two's 31,500 rows are day one's
      // 30,000 and 1,500 new ones, and the holdout rows come after both.
      assertEquals(0, CurvatureMain.execute("generate", "--rows", "36500", "--features", "300", "--nnz-per-row",
          "15", "--seed", "11", "--output", stream.toString()));
    }
    java.util.List<String> lines = Files.readAllLines(stream);
    java.util.List<String> train = new java.util.ArrayList<>(lines.subList(0, rows));
    if (trainExtra != null) {
      train.add(trainExtra);
    }
    Files.write(folder.resolve("train.libsvm"), train);
    Files.write(folder.resolve("holdout.libsvm"), lines.subList(lines.size() - 5000, lines.size()));
  }

  private record Run(int code, String output) {}

  private Run nightly(String day) throws Exception {
    Path log = root.resolve("nightly-" + day + ".log");
    Process p = new ProcessBuilder("bash", PROJECT.resolve("conf/nightly.sh").toString(), day, root.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "conf/nightly.sh " + day + " did not finish");
    return new Run(p.exitValue(), Files.readString(log));
  }

  private JsonNode report(String day) throws Exception {
    return Json.MAPPER.readTree(root.resolve("models").resolve(day).resolve("report.json").toFile());
  }

  private String published() throws Exception {
    return Files.readString(root.resolve("models/current")).strip();
  }

  @Test
  void threeNightsTrainWarmStartPublishAndRefuseBadData() throws Exception {
    data("2026-11-25", 30_000, null);
    Run first = nightly("2026-11-25");
    assertEquals(0, first.code(), first.output());
    JsonNode cold = report("2026-11-25");
    assertTrue(cold.get("warmStart").isNull(), cold.toString());
    assertEquals(root.resolve("models/2026-11-25/model").toString(), published());
    assertTrue(cold.get("validation").get("areaUnderROC").asDouble() > 0.6, cold.get("validation").toString());
    assertEquals("MEMORY_AND_DISK", cold.get("config").get("storageLevel").asText(), "the config file's setting");

    data("2026-11-26", 31_500, null);
    Run second = nightly("2026-11-26");
    assertEquals(0, second.code(), second.output());
    JsonNode warm = report("2026-11-26");
    assertTrue(warm.get("warmStart").asText().endsWith("2026-11-25/model"), warm.toString());
    assertTrue(warm.get("iterations").asInt() < cold.get("iterations").asInt(),
        "warm " + warm.get("iterations") + " iterations, cold " + cold.get("iterations"));
    assertEquals(root.resolve("models/2026-11-26/model").toString(), published());
    JsonNode evaluation = Json.MAPPER.readTree(root.resolve("models/2026-11-26/evaluation.json").toFile());
    assertEquals(warm.get("validation").get("areaUnderROC").asDouble(), evaluation.get("areaUnderROC").asDouble(), 1e-12,
        "the report's holdout metrics are evaluate's");
    assertTrue(Files.notExists(root.resolve("checkpoints/2026-11-26")), "a published night leaves no checkpoint");

    data("2026-11-27", 31_500, "1 3:0.5 2:1");
    Run third = nightly("2026-11-27");
    assertEquals(ExitCode.INPUT_ERROR, third.code(), third.output());
    assertTrue(third.output().contains("train.libsvm:31501"), third.output());
    assertTrue(third.output().contains("nothing published"), third.output());
    assertEquals(root.resolve("models/2026-11-26/model").toString(), published());
  }
}
