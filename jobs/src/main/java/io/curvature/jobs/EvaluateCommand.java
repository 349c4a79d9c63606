package io.curvature.jobs;

import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.eval.Console;
import io.curvature.jobs.eval.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: a saved model's metrics on labelled data; JSON out, a short table on the console. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Score a saved model on labelled data: AUC, log loss, accuracy, confusion, calibration "
        + "(classifiers); RMSE, MAE, R^2, deviance (regressions).")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model folder (train's DIR/model).")
  String model;

  @Mixin
  DataOptions data;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the metrics as JSON here (any Hadoop FS).")
  String output;

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
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Configuration conf = SparkSessions.hadoopConfiguration();
    GlmModel glm = ModelIo.read(new Path(model), conf).toModel();
    data.checkExists(conf);
    if (data.numFeatures == 0) {
      data.numFeatures = glm.numFeatures();              // the model's width: data may use fewer columns
    }
    try (SparkSessions spark = SparkSessions.start("curvature-evaluate", master);
         LoadedData loaded = data.load(spark, glm.kind().labelDomain())) {
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("modelPath", Redaction.redact(model));
      metrics.put("data", Redaction.redact(data.data));
      metrics.putAll(Metrics.of(glm, loaded));
      System.out.print(Console.table(metrics));
      if (output != null) {
        Json.write(new Path(output), spark.context().hadoopConfiguration(), metrics);
        System.out.println("wrote " + output);
      }
      return ExitCode.OK;
    }
  }
}
