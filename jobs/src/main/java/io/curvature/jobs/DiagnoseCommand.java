package io.curvature.jobs;

import io.curvature.driver.diagnostics.CurvatureDiagnostics;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.eval.Console;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code diagnose}: the loss surface at a saved model on given data, with the model's own objective (kind, penalty,
 * intercept, standardization from model.json): the Hessian's extreme eigenvalues, condition number, safe step and a
 * bound on how far the model's objective is above the optimum. One value+gradient pass and at most --steps
 * Hessian-vector passes.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = "Curvature at a saved model: largest and smallest Hessian eigenvalues (Lanczos), condition number, "
        + "safe step, and a bound on the objective's distance to the optimum.")
public final class DiagnoseCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model folder (train's DIR/model).")
  String model;

  @Mixin
  DataOptions data;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the diagnostics as JSON here (any Hadoop FS).")
  String output;

  @Option(names = "--steps", defaultValue = "" + CurvatureDiagnostics.DEFAULT_STEPS, paramLabel = "K",
      description = "Lanczos steps: Hessian-vector passes at most (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--method", defaultValue = "lanczos", paramLabel = "NAME",
      description = "lanczos (default: both ends of the spectrum from the same products) or power (the power method "
          + "for lambdaMax, then on lambdaMax I - H for lambdaMin, half the steps each: an independent cross-check).")
  String method;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else "
      + "local[*]).")
  String master;

  @Option(names = "--config", paramLabel = "FILE", description = "Options from a JSON or properties file.")
  String config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      data.validate();
      if (steps < 1) {
        throw new IllegalArgumentException("--steps must be at least 1, not " + steps);
      }
      if (!method.equalsIgnoreCase("lanczos") && !method.equalsIgnoreCase("power")) {
        throw new IllegalArgumentException("--method must be lanczos or power, not " + method);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Configuration conf = SparkSessions.hadoopConfiguration();
    GlmModel glm = ModelIo.read(new Path(model), conf).toModel();
    data.checkExists(conf);
    if (data.numFeatures == 0) {
      data.numFeatures = glm.numFeatures();
    }
    try (SparkSessions spark = SparkSessions.start("curvature-diagnose", master)) {
      LoadedData loaded;
      try (AutoCloseable quiet = SparkSessions.quietTaskFailures()) {
        loaded = data.load(spark, glm.kind().labelDomain());
      }
      try (loaded) {
        GlmProblem problem;
        try {
          problem = GlmProblem.of(loaded.sums(), glm.spec());
        } catch (IllegalArgumentException e) {
          throw new Failures.InputException(data.data + ": " + e.getMessage(), e);
        }
        Training.checkShape(glm, problem, model, "be diagnosed on");
        CurvatureDiagnostics d = CurvatureDiagnostics.at(problem.objective(), glm.point(), steps,
            CurvatureDiagnostics.Method.parse(method));
        Map<String, Object> curvature = Json.MAPPER.convertValue(d,
            new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelPath", Redaction.redact(model));
        out.put("data", Redaction.redact(data.data));
        out.put("rows", loaded.sums().summary().rows());
        out.put("curvature", curvature);
        System.out.print(Console.table(curvature));
        if (output != null) {
          Json.write(new Path(output), spark.context().hadoopConfiguration(), out);
          System.out.println("wrote " + output);
        }
        return ExitCode.OK;
      }
    }
  }
}
