package io.curvature.jobs;

import io.curvature.driver.SolverCatalog;
import io.curvature.driver.diagnostics.CurvatureDiagnostics;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.io.SavedModel;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.SolverState;
import io.curvature.driver.solvers.Status;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.CacheUse;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.output.TrainReport;
import io.curvature.workers.BlockKernels;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Fitting a model on loaded data and writing its outputs: what train, demo and benchmark share. */
public final class Training {
  private Training() {}

  /**
   * A relative gradient this small is an optimum by any standard: a run stopped there because no further progress is
   * representable in double precision succeeds, with a warning, whatever tighter tolerance was asked.
   */
  static final double ROUNDING_OPTIMUM = 1e-6;

  /** A finished fit: the problem as posed, how the solver ended, and the model at its point. */
  public record Fit(GlmProblem problem, SolverResult result, GlmModel model) {}

  /** Fits {@code spec} with {@code solver} from w = 0. */
  public static Fit fit(LoadedData data, TrainingSpec spec, String solver, StoppingRule rule,
      IterationListener listener) {
    return fit(GlmProblem.of(data.sums(), spec), data, solver, rule, listener, null);
  }

  /** Fits the problem from {@code from} (a fresh start at a point, or a checkpoint's state). */
  static Fit fit(GlmProblem problem, LoadedData data, String solver, StoppingRule rule, IterationListener listener,
      SolverState from) {
    GlmObjective objective = problem.objective();
    SolverState start = from != null ? from : SolverState.start(new double[objective.dimension()]);
    SolverResult result = SolverCatalog.create(solver, rule, size(data, objective.dimension()),
        objective.sampleStride()).minimize(objective, start, listener);
    GlmModel model = result.status() == Status.NUMERICAL_ERROR || result.status() == Status.DIVERGED
        || !finite(result.w()) ? null
        : problem.model(result.w(), defaultThreshold(problem.spec().kind()));
    return new Fit(problem, result, model);
  }

  /** Binary L2 logistic regression (the first model), as the benchmark and demo race it. */
  public static SolverResult fit(LoadedData data, String solver, double regParam, boolean fitIntercept,
      StoppingRule rule, IterationListener listener) {
    return fit(data, TrainingSpec.logistic(regParam, fitIntercept), solver, rule, listener).result();
  }

  public static SolverResult fit(LoadedData data, String solver, double regParam, boolean fitIntercept, double tol,
      int maxIter, IterationListener listener) {
    return fit(data, solver, regParam, fitIntercept, new StoppingRule(tol, maxIter), listener);
  }

  private static boolean finite(double[] w) {
    for (double x : w) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** MLlib's: probability 0.5 for logistic regression, margin 0 for the SVM (and the sigmoid-loss classifier). */
  static double defaultThreshold(ModelKind kind) {
    return kind == ModelKind.SVM || kind == ModelKind.SIGMOID ? 0.0 : 0.5;
  }

  /** The problem's size as the auto solver sees it. */
  public static ProblemSize size(LoadedData data, int dimension) {
    DataSummary s = data.sums().summary();
    int cores = Math.max(1, data.sums().blocks().context().defaultParallelism());
    return new ProblemSize(s.rows(), dimension, s.nonzeros(), data.sums().partitions(), cores);
  }

  /**
   * Refuses a saved model (from {@code source}) whose kind, features, classes or intercept differ from the problem's:
   * {@code use} says what it was to do ("start", "be diagnosed on").
   */
  static void checkShape(GlmModel saved, GlmProblem problem, String source, String use) {
    GlmModel shape = problem.model(new double[problem.objective().dimension()], 0.5);
    if (saved.kind() != shape.kind() || saved.numFeatures() != shape.numFeatures()
        || saved.numClasses() != shape.numClasses() || saved.fitIntercept() != shape.fitIntercept()) {
      throw new Failures.InputException(source + ": a " + saved.kind() + " model with "
          + saved.numFeatures() + " features, " + saved.numClasses() + " classes and " + (saved.fitIntercept()
          ? "an" : "no") + " intercept cannot " + use + " a " + shape.kind() + " model with " + shape.numFeatures()
          + " features, " + shape.numClasses() + " classes and " + (shape.fitIntercept() ? "an" : "no")
          + " intercept");
    }
  }

  /** The preconditioner the solver's CG used, as the report names it. */
  static String preconditioner(SolverResult result, GlmObjective objective) {
    return result.preconditioner().equals("sample-hessian")
        ? "sample Hessian (one row in " + objective.sampleStride() + ")" : result.preconditioner();
  }

  /** What a scheduler should know of a run that succeeded. */
  static List<String> warnings(SolverResult r, double tol, ModelKind kind) {
    List<String> w = new ArrayList<>();
    if (kind.isClassifier() && !r.history().isEmpty() && r.objective() < 1e-6 * r.history().get(0).objective()) {
      w.add(String.format("the training classes are separable: the objective fell from %.3g to %.3g, so the "
          + "coefficients' scale is set by the tolerance and regParam, not by the data; raise regParam for a model "
          + "whose probabilities mean something", r.history().get(0).objective(), r.objective()));
    }
    if (r.status() == Status.NO_PROGRESS && relativeGradient(r) <= ROUNDING_OPTIMUM) {
      w.add(String.format("the tolerance %.1e is below what double precision resolves here: the run stopped at "
          + "relative gradient %.1e, where actual and predicted reductions are rounding noise", tol,
          relativeGradient(r)));
    }
    return w;
  }

  static double relativeGradient(SolverResult r) {
    double g0 = r.history().isEmpty() ? Double.NaN : r.history().get(0).gradientNorm();
    return g0 > 0 ? r.gradientNorm() / g0 : r.gradientNorm();
  }

  /**
   * The report of a fit; {@code diagnosticPasses} are the passes spent after it on the same objective (--diagnose),
   * counted in the report's {@code passes} with the fit's: every pass the run made.
   */
  static TrainReport report(TrainConfig config, LoadedData data, Fit fit, SparkSessions spark, String warmStart,
      Integer resumedFrom, Map<String, Object> validation, CurvatureDiagnostics curvature, long diagnosticPasses) {
    DataSummary s = data.sums().summary();
    SolverResult result = fit.result();
    return new TrainReport(result.solver(), result.objective(), result.gradientNorm(), result.iterations(),
        result.passes() + diagnosticPasses, result.status().name(), result.message(), result.seconds(),
        data.loadSeconds(), s.rows(),
        s.numFeatures(), s.nonzeros(), s.cachedBytes(), s.bytesPerNonzero(), data.sums().partitions(), spark.master(),
        spark.version(), Instant.now().toString(), result.history(), config, config.model(),
        fit.problem().classes(), fit.problem().notes(), CurvatureMain.version(), BlockKernels.blasImplementation(),
        preconditioner(result, fit.problem().objective()),
        warnings(result, config.tol(), fit.problem().spec().kind()), warmStart,
        resumedFrom, validation, spark.settings(), CacheUse.of(data.sums().blocks()), curvature,
        BlockKernels.blasLibrary(), result.cgSpectrum());
  }

  /** Writes DIR/model/ and DIR/report.json, each atomically (the model first: a report never names a missing one). */
  static void write(String outputDir, Configuration conf, Fit fit, TrainReport report) throws IOException {
    Path dir = new Path(outputDir);
    ModelIo.write(new Path(dir, "model"), conf, SavedModel.of(fit.model(), fit.result().solver(),
        fit.result().objective()));
    Json.write(new Path(dir, "report.json"), conf, report);
  }

  /** The exit code for how the solver stopped. */
  public static int exitCode(SolverResult result) {
    return switch (result.status()) {
      case CONVERGED -> ExitCode.OK;
      case MAX_ITERATIONS -> ExitCode.NOT_CONVERGED;
      case NO_PROGRESS -> relativeGradient(result) <= ROUNDING_OPTIMUM ? ExitCode.OK
          : ExitCode.SOLVER_FAILED;
      default -> ExitCode.SOLVER_FAILED;
    };
  }
}
