package io.curvature.jobs;

import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.output.TrainReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: load, fit one solver, write the model and the report. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train L2-regularized logistic regression and write DIR/model/ and DIR/report.json.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "PATH",
      description = "Training data: a file or folder on any Hadoop file system (file://, hdfs://, s3a://, local).")
  String data;

  @Option(names = "--format", defaultValue = "libsvm", description = "Input format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--solver", defaultValue = "tron",
      description = "tron, newton-cg, lbfgs, newton or auto (default: ${DEFAULT-VALUE}).")
  String solver;

  @Option(names = "--reg-param", required = true, paramLabel = "L", converter = Numbers.class,
      description = "L2 regularization lambda in f = mean loss + lambda/2 |w|^2 (a number or a fraction, 1/60000).")
  double regParam;

  @Option(names = "--fit-intercept", description = "Fit an unregularized intercept.")
  boolean fitIntercept;

  @Option(names = "--tol", defaultValue = "1e-6", paramLabel = "T", converter = Numbers.class,
      description = "Stop when |g(w)| <= T |g(w0)| (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--max-iter", defaultValue = "1000", paramLabel = "K",
      description = "Iteration budget (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (any Hadoop FS).")
  String output;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Partitions of the cached data (default: one per input split, at least the parallelism).")
  int partitions;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--num-features", defaultValue = "0", paramLabel = "D",
      description = "Number of features (default: the largest index in the data).")
  int numFeatures;

  @Option(names = "--layout", defaultValue = "AUTO",
      description = "Packing of the cached rows: AUTO, SPARSE or DENSE (default: ${DEFAULT-VALUE}).")
  LibsvmLoader.Layout layout;

  @Option(names = "--precision", defaultValue = "FLOAT64",
      description = "Cached sparse values: FLOAT64 (12 bytes/nnz) or FLOAT32 (8 bytes/nnz, values rounded to 24 bits)"
          + " (default: ${DEFAULT-VALUE}).")
  LibsvmLoader.Precision precision;

  @Option(names = "--quiet", description = "No progress line per iteration.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    TrainConfig config = new TrainConfig(data, format, solver, regParam, fitIntercept, tol, maxIter, output,
        partitions, master, numFeatures, layout, precision);
    try (SparkSessions spark = SparkSessions.start("curvature-train", master);
         LoadedData loaded = LibsvmLoader.load(spark.context(), data, partitions, numFeatures, layout,
             precision)) {
      var s = loaded.sums().summary();
      System.out.printf("loaded %s: n=%d d=%d nnz=%d in %.2fs (%d partitions, %.1f bytes/nnz cached)%n", data,
          s.rows(), s.numFeatures(), s.nonzeros(), loaded.loadSeconds(), loaded.sums().partitions(),
          s.bytesPerNonzero());
      SolverResult result = Training.fit(loaded, solver, regParam, fitIntercept, tol, maxIter,
          quiet ? r -> { } : new ProgressPrinter(System.out, solver));
      TrainReport report = Training.report(config, loaded, result, spark);
      Training.write(output, spark.context().hadoopConfiguration(), config, result, report);
      System.out.printf("%s: %s; f = %.15g after %d iterations, %d passes, %.2fs fit%n", solver, result.message(),
          result.objective(), result.iterations(), result.passes(), result.seconds());
      System.out.println("wrote " + output + "/model and " + output + "/report.json");
      return Training.exitCode(result);
    }
  }
}
