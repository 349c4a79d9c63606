package io.curvature.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import io.curvature.driver.model.ModelKind;
import io.curvature.jobs.CurvatureMain;
import io.curvature.jobs.GenerateCommand;
import io.curvature.jobs.data.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** benchmark --fm-factors on a small generated click log: every contestant scored on one objective, three outputs. */
class FactorizationMachineBenchTest {
  @Test
  void racesTronAndLbfgsAgainstFmClassifierOnOneObjective(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("fm.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(2000, 200, 10, 0.3, 5, ModelKind.LOGISTIC, 10, 2),
        new org.apache.hadoop.fs.Path(data.toUri()), new Configuration());
    Path out = dir.resolve("bench");
    assertEquals(0, CurvatureMain.execute("benchmark", "--fm-factors", "2", "--data", data.toString(),
        "--reg-param", "1e-2", "--fm-solvers", "tron,tron-gn,lbfgs,mllib-gd,mllib-adamw", "--max-iter", "200",
        "--fm-mllib-iter", "5", "--output", out.toString(), "--master", "local[2]", "--partitions", "2"));
    JsonNode report = Json.MAPPER.readTree(out.resolve("benchmark.json").toFile());
    Map<String, JsonNode> runs = new HashMap<>();
    for (JsonNode run : report.get("runs")) {
      runs.put(run.get("solver").asText(), run);
      assertTrue(run.get("finalGap").asDouble() >= 0);
    }
    assertEquals(java.util.Set.of("tron", "tron-gn", "lbfgs", "mllib-gd", "mllib-adamw"), runs.keySet());
    assertEquals("CONVERGED", runs.get("tron").get("status").asText());
    assertTrue(runs.get("tron").get("objective").asDouble() <= runs.get("mllib-gd").get("objective").asDouble());
    assertEquals(5, runs.get("mllib-gd").get("iterations").asInt());
    assertTrue(Files.size(out.resolve("convergence.png")) > 0);
    assertTrue(Files.readString(out.resolve("benchmark.md")).contains("mllib-adamw"));
  }
}
