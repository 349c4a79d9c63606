package io.curvature.jobs;

import io.curvature.driver.SolverCatalog;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.LoadedData;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.io.SavedModel;
import io.curvature.jobs.output.TrainReport;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Fitting a model on loaded data and writing its outputs: what train, demo and benchmark share. */
public final class Training {
  private Training() {}

  /** A finished fit: the problem as posed, how the solver ended, and the model at its point. */
  public record Fit(GlmProblem problem, SolverResult result, GlmModel model) {}

  /** Fits {@code spec} with {@code solver} from w = 0. */
  public static Fit fit(LoadedData data, TrainingSpec spec, String solver, StoppingRule rule,
      IterationListener listener) {
    GlmProblem problem = GlmProblem.of(data.sums(), spec);
    GlmObjective objective = problem.objective();
    SolverResult result = SolverCatalog.create(solver, rule, size(data, objective.dimension()),
        objective.sampleStride())
        .minimize(objective, new double[objective.dimension()], listener);
    return new Fit(problem, result, problem.model(result.w(), defaultThreshold(spec.kind())));
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

  /** MLlib's: probability 0.5 for logistic regression, margin 0 for the SVM. */
  static double defaultThreshold(ModelKind kind) {
    return kind == ModelKind.SVM ? 0.0 : 0.5;
  }

  /** The problem's size as the auto solver sees it. */
  public static ProblemSize size(LoadedData data, int dimension) {
    DataSummary s = data.sums().summary();
    int cores = Math.max(1, data.sums().blocks().context().defaultParallelism());
    return new ProblemSize(s.rows(), dimension, s.nonzeros(), data.sums().partitions(), cores);
  }

  public static TrainReport report(TrainConfig config, LoadedData data, Fit fit, SparkSessions spark) {
    DataSummary s = data.sums().summary();
    SolverResult result = fit.result();
    return new TrainReport(result.solver(), result.objective(), result.gradientNorm(), result.iterations(),
        result.passes(), result.status().name(), result.message(), result.seconds(), data.loadSeconds(), s.rows(),
        s.numFeatures(), s.nonzeros(), s.cachedBytes(), s.bytesPerNonzero(), data.sums().partitions(), spark.master(),
        spark.session().version(), Instant.now().toString(), result.history(), config, config.model(),
        fit.problem().classes(), fit.problem().notes());
  }

  /** Writes DIR/model/ and DIR/report.json, each atomically (the model first: a report never names a missing one). */
  public static void write(String outputDir, Configuration conf, Fit fit, TrainReport report) throws IOException {
    Path dir = new Path(outputDir);
    ModelIo.write(new Path(dir, "model"), conf, SavedModel.of(fit.model(), fit.result().solver(),
        fit.result().objective()));
    Json.write(new Path(dir, "report.json"), conf, report);
  }

  /** The exit code for how the solver stopped. */
  public static int exitCode(SolverResult result) {
    return switch (result.status()) {
      case CONVERGED -> CurvatureMain.OK;
      case MAX_ITERATIONS -> CurvatureMain.NOT_CONVERGED;
      default -> CurvatureMain.SOLVER_FAILED;
    };
  }
}
