package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import io.curvature.jobs.data.SyntheticData;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --diagnose and the diagnose command: the curvature object, its cost, and the refusals. */
class DiagnoseJobTest {
  @TempDir Path dir;

  @Test
  void trainDiagnoseAndDiagnoseAgreeAndStayWithinTheirBudget() throws Exception {
    Path data = dir.resolve("train.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(3000, 30, 8, 0.5, 21),
        new org.apache.hadoop.fs.Path(data.toUri()), new Configuration());
    // no intercept: the penalty covers every coordinate, so the gap bound is rigorous
    ScheduledTrainingTest.Run trained = ScheduledTrainingTest.run("train", "--data", data.toString(), "--output",
        dir.resolve("run").toString(), "--master", "local[2]", "--partitions", "2", "--quiet", "--reg-param", "1e-3",
        "--diagnose", "--diagnose-steps", "12");
    assertEquals(0, trained.code(), trained.err());
    assertTrue(trained.out().contains("curvature: lambdaMax"), trained.out());
    JsonNode report = Json.MAPPER.readTree(dir.resolve("run/report.json").toFile());
    JsonNode c = report.get("curvature");
    for (String field : new String[] {"lambdaMax", "lambdaMin", "conditionNumber", "gapBound", "hvps", "method",
        "safeStep", "lambdaMinLowerBound"}) {
      assertTrue(c.has(field), field + " missing from " + c);
    }
    assertEquals(12, c.get("hvps").asInt());
    assertTrue(c.get("gapBoundRigorous").asBoolean());
    assertEquals(1e-3, c.get("lambdaMinLowerBound").asDouble(), 1e-15, "lambda for every coefficient");
    assertTrue(c.get("lambdaMin").asDouble() >= 1e-3 * (1 - 1e-9), "no eigenvalue below the penalty's: " + c);
    assertTrue(c.get("lambdaMax").asDouble() > c.get("lambdaMin").asDouble());
    assertTrue(c.get("gapBound").asDouble() < 1e-8, "converged to tol 1e-6: the bound certifies a small gap " + c);
    assertTrue(c.get("secondOrder").asBoolean());
    // CG's free estimates of the preconditioned Hessian's spectrum, from the last tron iteration
    JsonNode cg = report.get("cgSpectrum");
    assertTrue(cg.get("steps").asInt() >= 1 && cg.get("smallest").asDouble() > 0
        && cg.get("largest").asDouble() >= cg.get("smallest").asDouble(), cg.toString());
    assertTrue(cg.get("preconditioner").asText().length() > 0, cg.toString());

    // the default budget: a tenth of the fit's passes (at least 2)
    ScheduledTrainingTest.Run cheap = ScheduledTrainingTest.run("train", "--data", data.toString(), "--output",
        dir.resolve("cheap").toString(), "--master", "local[2]", "--partitions", "2", "--quiet", "--reg-param",
        "1e-3", "--diagnose");
    assertEquals(0, cheap.code(), cheap.err());
    JsonNode r2 = Json.MAPPER.readTree(dir.resolve("cheap/report.json").toFile());
    long passes = r2.get("passes").asLong();
    int hvps = r2.get("curvature").get("hvps").asInt();
    JsonNode history = r2.get("history");
    long fitPasses = history.get(history.size() - 1).get("passes").asLong();
    assertEquals(fitPasses + hvps + 1, passes, "the report counts the fit's passes and the diagnostics'");
    assertTrue(hvps + 1 <= Math.max(3, fitPasses / 10), hvps + " HVPs + 1 pass for a fit of " + fitPasses
        + " passes");

    // diagnose on the same data at the saved model, with the same steps: the same numbers, to the bit
    Path out = dir.resolve("curvature.json");
    ScheduledTrainingTest.Run diagnosed = ScheduledTrainingTest.run("diagnose", "--model",
        dir.resolve("run/model").toString(), "--data", data.toString(), "--master", "local[2]", "--partitions", "2",
        "--steps", "12", "--output", out.toString());
    assertEquals(0, diagnosed.code(), diagnosed.err());
    assertTrue(diagnosed.out().contains("lambdaMax"), diagnosed.out());
    JsonNode d = Json.MAPPER.readTree(out.toFile()).get("curvature");
    assertEquals(c.get("lambdaMax").asDouble(), d.get("lambdaMax").asDouble(), 0.0);
    assertEquals(c.get("gapBound").asDouble(), d.get("gapBound").asDouble(), 0.0);
    assertEquals(report.get("objective").asDouble(), d.get("objective").asDouble(), 1e-15);

    // the power method from the same seeded start: its Rayleigh quotient lies in the Krylov space Lanczos searched,
    // so it can only be below Lanczos' largest Ritz value; the same gap bound (the penalty's)
    Path powerOut = dir.resolve("power.json");
    ScheduledTrainingTest.Run power = ScheduledTrainingTest.run("diagnose", "--model",
        dir.resolve("run/model").toString(), "--data", data.toString(), "--master", "local[2]", "--partitions", "2",
        "--steps", "12", "--method", "power", "--output", powerOut.toString());
    assertEquals(0, power.code(), power.err());
    JsonNode pw = Json.MAPPER.readTree(powerOut.toFile()).get("curvature");
    assertTrue(pw.get("method").asText().startsWith("power method"), pw.toString());
    assertEquals(12, pw.get("hvps").asInt());
    assertTrue(pw.get("lambdaMax").asDouble() <= d.get("lambdaMax").asDouble() * (1 + 1e-12)
        && pw.get("lambdaMax").asDouble() >= d.get("lambdaMax").asDouble() - pw.get("lambdaMaxResidual").asDouble(),
        pw + " against " + d);
    assertTrue(pw.get("lambdaMin").asDouble() >= 1e-3 * (1 - 1e-9), "a Rayleigh quotient: above lambda_min " + pw);
    assertEquals(d.get("gapBound").asDouble(), pw.get("gapBound").asDouble(), 0.0);
    assertEquals(2, ScheduledTrainingTest.run("diagnose", "--model", dir.resolve("run/model").toString(), "--data",
        data.toString(), "--method", "arnoldi").code());

    // a model narrower than the data: exit 1, the row that does not fit named
    Path narrow = dir.resolve("narrow.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(500, 10, 4, 0.5, 3),
        new org.apache.hadoop.fs.Path(narrow.toUri()), new Configuration());
    ScheduledTrainingTest.Run other = ScheduledTrainingTest.run("train", "--data", narrow.toString(), "--output",
        dir.resolve("narrow").toString(), "--master", "local[2]", "--quiet", "--reg-param", "1e-3");
    assertEquals(0, other.code(), other.err());
    ScheduledTrainingTest.Run refused = ScheduledTrainingTest.run("diagnose", "--model",
        dir.resolve("narrow/model").toString(), "--data", data.toString(), "--master", "local[2]");
    assertEquals(1, refused.code(), refused.out());
    assertTrue(refused.err().contains("exceeds the 10 features"), refused.err());
    assertEquals(2, ScheduledTrainingTest.run("diagnose", "--model", dir.resolve("run/model").toString(), "--data",
        data.toString(), "--steps", "0").code());
  }
}
