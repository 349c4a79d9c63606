package io.curvature.jobs;

import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.output.TrainReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: load, fit one solver, write the model and the report. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model (logistic, multinomial, linear, poisson, svm) and write DIR/model/ and "
        + "DIR/report.json.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "PATH",
      description = "Training data: a file or folder on any Hadoop file system (file://, hdfs://, s3a://, local).")
  String data;

  @Option(names = "--format", defaultValue = "libsvm", description = "Input format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--model", defaultValue = "logistic",
      description = "logistic (binary), multinomial (softmax, labels 0..K-1), linear (least squares), poisson "
          + "(log link, counts), svm (squared hinge, LIBLINEAR -s 2) (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--solver", defaultValue = "tron",
      description = "tron, newton-cg, lbfgs, newton, owlqn (L1 and elastic net), auto, or breeze-lbfgs (Breeze's "
          + "LBFGS, MLlib's optimizer, on Curvature's data path) (default: ${DEFAULT-VALUE}).")
  String solver;

  @Option(names = "--reg-param", required = true, paramLabel = "L", converter = Numbers.class,
      description = "lambda in f = mean loss + lambda (alpha |w|_1 + (1 - alpha)/2 |w|^2) (a number or a fraction, "
          + "1/60000).")
  double regParam;

  @Option(names = "--elastic-net", defaultValue = "0", paramLabel = "ALPHA", converter = Numbers.class,
      description = "alpha: the L1 share of the penalty, in [0, 1] (MLlib's elasticNetParam; default: "
          + "${DEFAULT-VALUE}).")
  double elasticNet;

  @Option(names = "--standardize",
      description = "Penalize coefficients in units of each feature's standard deviation (MLlib's standardization; "
          + "the data is not changed and the model is in the original units).")
  boolean standardize;

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

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TrainConfig config;
    try {
      config = new TrainConfig(data, format, solver, regParam, fitIntercept, tol, maxIter, output, partitions, master,
          numFeatures, layout, precision, model, elasticNet, standardize);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);   // bad usage: exit 2
    }
    try (SparkSessions spark = SparkSessions.start("curvature-train", master);
         LoadedData loaded = LibsvmLoader.load(spark.context(), data, partitions, numFeatures, layout,
             precision, config.spec().kind().labelDomain())) {
      var s = loaded.sums().summary();
      System.out.printf("loaded %s: n=%d d=%d nnz=%d in %.2fs (%d partitions, %.1f bytes/nnz cached)%n", data,
          s.rows(), s.numFeatures(), s.nonzeros(), loaded.loadSeconds(), loaded.sums().partitions(),
          s.bytesPerNonzero());
      Training.Fit fit = Training.fit(loaded, config.spec(), solver, new StoppingRule(tol, maxIter),
          quiet ? r -> { } : new ProgressPrinter(System.out, solver));
      SolverResult result = fit.result();
      fit.problem().notes().forEach(n -> System.out.println("note: " + n));
      TrainReport report = Training.report(config, loaded, fit, spark);
      Training.write(output, spark.context().hadoopConfiguration(), fit, report);
      System.out.printf("%s: %s; f = %.15g after %d iterations, %d passes, %.2fs fit%n", solver, result.message(),
          result.objective(), result.iterations(), result.passes(), result.seconds());
      System.out.println("wrote " + output + "/model and " + output + "/report.json");
      return Training.exitCode(result);
    }
  }
}
