package io.curvature.jobs;

import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.output.Json;
import io.curvature.jobs.output.ModelIo;
import io.curvature.jobs.output.SavedModel;
import io.curvature.jobs.output.TrainReport;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Fitting a model on loaded data and writing its outputs: what train and demo share. */
public final class Training {
  private Training() {}

  public static SolverResult fit(LoadedData data, String solver, double regParam, boolean fitIntercept, double tol,
      int maxIter, IterationListener listener) {
    return fit(data, solver, regParam, fitIntercept, new StoppingRule(tol, maxIter), listener);
  }

  public static SolverResult fit(LoadedData data, String solver, double regParam, boolean fitIntercept,
      StoppingRule rule, IterationListener listener) {
    GlmObjective objective = GlmObjective.logistic(data.sums(), regParam, fitIntercept);
    return Solvers.create(solver, rule, size(data, objective.dimension()), objective.sampleStride())
        .minimize(objective, new double[objective.dimension()], listener);
  }

  /** The problem's size as the auto solver sees it. */
  public static ProblemSize size(LoadedData data, int dimension) {
    DataSummary s = data.sums().summary();
    int cores = Math.max(1, data.sums().blocks().context().defaultParallelism());
    return new ProblemSize(s.rows(), dimension, s.nonzeros(), data.sums().partitions(), cores);
  }

  public static TrainReport report(TrainConfig config, LoadedData data, SolverResult result, SparkSessions spark) {
    DataSummary s = data.sums().summary();
    return new TrainReport(result.solver(), result.objective(), result.gradientNorm(), result.iterations(),
        result.passes(), result.status().name(), result.message(), result.seconds(), data.loadSeconds(), s.rows(),
        s.numFeatures(), s.nonzeros(), s.cachedBytes(), s.bytesPerNonzero(), data.sums().partitions(), spark.master(),
        spark.session().version(), Instant.now().toString(), result.history(), config);
  }

  /** Writes DIR/model/ and DIR/report.json, each atomically (the model first: a report never names a missing one). */
  public static void write(String outputDir, Configuration conf, TrainConfig config, SolverResult result,
      TrainReport report) throws IOException {
    Path dir = new Path(outputDir);
    ModelIo.write(new Path(dir, "model"), conf,
        SavedModel.of(result.w(), config.fitIntercept(), config.regParam(), result.solver(), result.objective()));
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
