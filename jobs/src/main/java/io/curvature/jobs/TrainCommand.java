package io.curvature.jobs;

import io.curvature.driver.diagnostics.CurvatureDiagnostics;
import io.curvature.driver.io.Checkpoints;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.L1;
import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.SolverState;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.eval.Metrics;
import io.curvature.jobs.output.TrainReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: load, fit, write the model and the report. Everything a nightly run needs: a config file, a warm
 * start from yesterday's model, a holdout to score, checkpoints to resume from after a crash, and exit codes a
 * scheduler can act on. Arguments are checked before Spark starts.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model (logistic, multinomial, linear, poisson, svm, sigmoid) and write DIR/model/ and "
        + "DIR/report.json.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin
  DataOptions input;

  @Option(names = "--model", defaultValue = "logistic", paramLabel = "MODEL",
      description = "logistic (binary), multinomial (softmax, labels 0..K-1), linear (least squares), poisson "
          + "(log link, counts), svm (squared hinge, LIBLINEAR -s 2), sigmoid (bounded non-convex loss, tolerates label "
          + "noise) (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--solver", defaultValue = "tron", paramLabel = "SOLVER",
      description = "tron, tron-gltr, newton-cg, subsampled-newton-cg, lbfgs, newton, owlqn and prox-newton (L1 and "
          + "elastic net), auto, or breeze-lbfgs (Breeze's LBFGS, MLlib's optimizer, on Curvature's data path) "
          + "(default: ${DEFAULT-VALUE}).")
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

  @Option(names = "--fit-intercept",
      description = "Fit an unpenalized intercept (off by default here; MLlib fits one by default).")
  boolean fitIntercept;

  @Option(names = "--tol", defaultValue = "1e-6", paramLabel = "T", converter = Numbers.class,
      description = "Stop when |g(w)| <= T |g(w0)| (default: ${DEFAULT-VALUE}).")
  double tol;

  @Option(names = "--max-iter", defaultValue = "1000", paramLabel = "K",
      description = "Iteration budget (default: ${DEFAULT-VALUE}).")
  int maxIter;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Output folder (any Hadoop FS).")
  String output;

  @Option(names = "--overwrite", description = "Replace a model already at DIR/model (else the run refuses).")
  boolean overwrite;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--warm-start", paramLabel = "MODEL_DIR",
      description = "Start from a saved model (same kind and dimension), e.g. yesterday's DIR/model.")
  String warmStart;

  @Option(names = "--validation", paramLabel = "PATH",
      description = "Holdout data (same format and columns): its metrics go into report.json.")
  String validation;

  @Option(names = "--checkpoint-dir", paramLabel = "PATH",
      description = "Write the solver's state here (atomically) every --checkpoint-every iterations.")
  String checkpointDir;

  @Option(names = "--checkpoint-every", defaultValue = "5", paramLabel = "K",
      description = "Iterations between checkpoints (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--resume",
      description = "Continue from the checkpoint in --checkpoint-dir; refused if it was made with other data or "
          + "settings.")
  boolean resume;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Options from a JSON or properties file (keys are option names); flags override it.")
  String config;

  @Option(names = "--diagnose", description = "After the fit, the curvature at the model (Lanczos on the Hessian: "
      + "lambdaMax, lambdaMin, condition number, a bound on the objective gap) into report.json's 'curvature'.")
  boolean diagnose;

  @Option(names = "--diagnose-steps", defaultValue = "0", paramLabel = "K",
      description = "Lanczos steps of --diagnose (default: ${DEFAULT-VALUE}, a tenth of the fit's passes, 2 to 30).")
  int diagnoseSteps;

  @Option(names = "--quiet", description = "No progress line per iteration.")
  boolean quiet;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TrainConfig requested;
    try {
      input.validate();
      requested = new TrainConfig(Redaction.redact(input.data), input.format == null ? null
          : input.format.toLowerCase(java.util.Locale.ROOT), solver, regParam, fitIntercept, tol, maxIter, output,
          input.partitions, master, input.numFeatures, input.layout, input.precision, model, elasticNet,
          standardize, input.featuresCol, input.labelCol, input.weightCol, warmStart, validation, checkpointDir,
          checkpointEvery, resume, overwrite, input.storageLevel.toUpperCase(java.util.Locale.ROOT),
          diagnose ? diagnoseSteps : null);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);   // bad usage: exit 2
    }
    Configuration local = SparkSessions.hadoopConfiguration();
    Path modelDir = new Path(output, "model");
    if (!overwrite && modelDir.getFileSystem(local).exists(modelDir)) {
      throw new CommandLine.ParameterException(spec.commandLine(), Redaction.redact(modelDir.toString())
          + " exists: pass --overwrite to replace it (a failed run never replaces it)");
    }
    input.checkExists(local);
    GlmModel start = warmStart == null ? null : ModelIo.read(new Path(warmStart), local).toModel();
    try (SparkSessions spark = SparkSessions.start("curvature-train", master)) {
      LoadedData loaded;
      try (AutoCloseable quiet = SparkSessions.quietTaskFailures()) {
        loaded = input.load(spark, requested.spec().kind().labelDomain());
      }
      try (loaded) {
        return train(spark, requested, loaded, start);
      }
    }
  }

  private int train(SparkSessions spark, TrainConfig requested, LoadedData loaded, GlmModel start) throws Exception {
    Configuration conf = spark.context().hadoopConfiguration();
    DataSummary s = loaded.sums().summary();
    TrainConfig config = requested.effective(input.format(conf), loaded.sums().partitions(), s.numFeatures(),
        spark.master());
    System.out.printf("loaded %s: n=%d d=%d nnz=%d in %.2fs (%d partitions, %.1f bytes/nnz cached)%n",
        config.data(), s.rows(), s.numFeatures(), s.nonzeros(), loaded.loadSeconds(), loaded.sums().partitions(),
        s.bytesPerNonzero());
    GlmProblem problem;
    try {
      problem = GlmProblem.of(loaded.sums(), config.spec());
    } catch (IllegalArgumentException e) {
      throw new Failures.InputException(config.data() + ": " + e.getMessage(), e);   // a single class, ...
    }
    String fingerprint = fingerprint(s);
    SolverState from = null;
    String runSolver = solver;
    Integer resumedFrom = null;
    if (resume) {
      Checkpoints.Checkpoint c = Checkpoints.read(checkpointDir, conf);
      if (!c.configHash().equals(config.trajectoryHash())) {
        throw new Failures.InputException(checkpointDir + ": the checkpoint was made with other settings (model, "
            + "penalty, solver, tolerance, data path, columns or partitioning); start afresh without --resume");
      }
      if (!c.dataFingerprint().equals(fingerprint)) {
        throw new Failures.InputException(checkpointDir + ": the checkpoint was made with other data (" +
            c.dataFingerprint() + ", now " + fingerprint + ")");
      }
      from = c.state();
      runSolver = c.solver();                         // auto's choice, kept
      resumedFrom = c.iteration();
      System.out.printf("resuming %s from iteration %d of %s%n", runSolver, c.iteration(), checkpointDir);
    } else if (start != null) {
      from = warmStartState(start, problem, config);
    }
    IterationListener progress = quiet ? r -> { } : new ProgressPrinter(System.out, solver);
    IterationListener listener = checkpointDir == null ? progress : new IterationListener() {
      @Override
      public void onIteration(IterationRecord r) {
        progress.onIteration(r);
      }

      @Override
      public void onState(int iteration, Supplier<SolverState> state) {
        if (iteration % checkpointEvery == 0) {
          try {
            Checkpoints.write(checkpointDir, conf, Checkpoints.of(state.get(), config.trajectoryHash(), fingerprint));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint to " + checkpointDir, e);
          }
          if (iteration == PAUSE_AFTER_CHECKPOINT) {
            pauseUntilKilled();
          }
        }
      }
    };
    Training.Fit fit = Training.fit(problem, loaded, runSolver, new StoppingRule(tol, maxIter), listener, from);
    SolverResult result = fit.result();
    fit.problem().notes().forEach(n -> System.out.println("note: " + n));
    System.out.printf("%s: %s; f = %.15g after %d iterations, %d passes, %.2fs fit%n", result.solver(),
        result.message(), result.objective(), result.iterations(), result.passes(), result.seconds());
    if (fit.model() == null) {
      System.err.println("error: " + result.message() + "; no model written, any earlier one at " + output
          + " is untouched");
      return ExitCode.SOLVER_FAILED;
    }
    Map<String, Object> holdout = null;
    if (validation != null) {
      holdout = validate(spark, fit.model());
    }
    CurvatureDiagnostics curvature = null;
    long passesBeforeDiagnostics = problem.objective().passes();
    if (diagnose) {
      int steps = diagnoseSteps > 0 ? diagnoseSteps
          : (int) Math.max(2, Math.min(CurvatureDiagnostics.DEFAULT_STEPS, result.passes() / 10 - 1));
      curvature = CurvatureDiagnostics.at(problem.objective(), result.w(), steps);
      System.out.printf("curvature: lambdaMax %.4g, lambdaMin %.4g, condition %s, gap bound %s (%s), %d passes%n",
          curvature.lambdaMax(), curvature.lambdaMin(), curvature.conditionNumber() == null ? "unbounded"
          : String.format("%.3g", curvature.conditionNumber()), curvature.gapBound() == null ? "none"
          : String.format("%.2g", curvature.gapBound()), curvature.gapBoundRigorous() ? "rigorous" : "estimate",
          curvature.hvps() + 1);
    }
    TrainReport report = Training.report(config, loaded, fit, spark, warmStart == null ? null
        : Redaction.redact(warmStart), resumedFrom, holdout, curvature,
        problem.objective().passes() - passesBeforeDiagnostics);
    report.warnings().forEach(w -> System.out.println("warning: " + w));
    Training.write(output, conf, fit, report);
    System.out.println("wrote " + output + "/model and " + output + "/report.json");
    return Training.exitCode(result);
  }

  /** A warm start's point, if the model fits the problem: same kind, features and classes. */
  /**
   * A test's hook (ResumeAfterKillTest): a child JVM started with {@code -Dcurvature.test.pauseAfterCheckpoint=K}
   * stops for good once the checkpoint of iteration K is written, so the test kills it there, at a known iteration,
   * whatever the machine's speed. -1, never, in every other run.
   */
  static final int PAUSE_AFTER_CHECKPOINT = Integer.getInteger("curvature.test.pauseAfterCheckpoint", -1);

  private static void pauseUntilKilled() {
    while (true) {
      java.util.concurrent.locks.LockSupport.park();
    }
  }

  private static SolverState warmStartState(GlmModel start, GlmProblem problem, TrainConfig config) {
    Training.checkShape(start, problem, config.warmStart(), "start");
    // The tolerance stays relative to the gradient at zero, as in a cold run: the warm start only saves work.
    GlmObjectiveReference reference = new GlmObjectiveReference(problem);
    return SolverState.warm(start.point(), reference.stationarityAtZero());
  }

  /** The stationarity measure at w = 0 (one pass), the scale a cold run's tolerance is relative to. */
  private record GlmObjectiveReference(GlmProblem problem) {
    double stationarityAtZero() {
      var objective = problem.objective();
      double[] zero = new double[objective.dimension()];
      return L1.stationarity(zero, objective.evaluate(zero).gradient(), objective.l1Weights());
    }
  }

  private Map<String, Object> validate(SparkSessions spark, GlmModel glm) throws Exception {
    DataOptions holdout = new DataOptions();
    holdout.data = validation;
    holdout.format = input.format;
    holdout.featuresCol = input.featuresCol;
    holdout.labelCol = input.labelCol;
    holdout.weightCol = input.weightCol;
    holdout.numFeatures = glm.numFeatures();
    holdout.layout = input.layout;
    holdout.precision = input.precision;
    holdout.storageLevel = input.storageLevel;
    holdout.checkExists(spark.context().hadoopConfiguration());
    try (AutoCloseable quiet = SparkSessions.quietTaskFailures();
         LoadedData data = holdout.load(spark, glm.kind().labelDomain())) {
      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("data", Redaction.redact(validation));
      metrics.put("rows", data.sums().summary().rows());
      metrics.putAll(Metrics.of(glm, data));
      System.out.print("validation:\n" + io.curvature.jobs.eval.Console.table(metrics));
      return metrics;
    }
  }

  /** The data's identity for checkpoints: its sizes and sums, to the bit. */
  static String fingerprint(DataSummary s) {
    return String.format("rows=%d d=%d nnz=%d weight=%s labels=%s/%s", s.rows(), s.numFeatures(), s.nonzeros(),
        Double.toHexString(s.weightSum()), Double.toHexString(s.labels().weightedSum()),
        Double.toHexString(s.labels().weightedSumSquares()));
  }
}
