package io.curvature.driver.ml;

import io.curvature.driver.SolverCatalog;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.DataFrameLoader;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;

/**
 * The fit every estimator shares: the params read into a {@link TrainingSpec}, the DataFrame packed into cached
 * blocks (shared with concurrent fits over the same data), the solver run, and the model at its point. Each fit runs
 * its Spark jobs in a job group of its own, and each pass shows what it is for in the Spark UI
 * ("curvature tron iteration 7: Hessian-vector product").
 */
final class GlmFitter {
  private static final AtomicLong FITS = new AtomicLong();

  private GlmFitter() {}

  /** A finished fit. */
  /** A fit: the model, how the solver went, and the curvature at the model when diagnoseSteps > 0 (else null). */
  record Fitted(GlmModel model, SolverResult result, double loadSeconds,
      io.curvature.driver.diagnostics.CurvatureDiagnostics curvature) {}

  /** How an estimator turns its params into the objective once the data is known (MLlib's meaning of them). */
  interface SpecOnData {
    SpecOnData AS_GIVEN = (spec, data) -> spec;

    TrainingSpec apply(TrainingSpec spec, DataSummary data);
  }

  static Fitted fit(CurvatureParams<?> params, Dataset<?> dataset, ModelKind kind, String featuresCol,
      String labelCol, double threshold) {
    return fit(params, dataset, kind, featuresCol, labelCol, threshold, params.getStandardization(),
        SpecOnData.AS_GIVEN);
  }

  static Fitted fit(CurvatureParams<?> params, Dataset<?> dataset, ModelKind kind, String featuresCol,
      String labelCol, double threshold, boolean standardize, SpecOnData onData) {
    TrainingSpec requested = new TrainingSpec(kind, params.getRegParam(), params.getElasticNetParam(),
        params.getFitIntercept(), standardize);
    String solver = solverName(params.getSolver());
    if (requested.hasL1() && !solver.equals("owlqn") && !solver.equals("prox-newton") && !solver.equals("auto")) {
      throw new IllegalArgumentException(params.uid() + " solver " + params.getSolver() + " cannot minimize an L1 "
          + "penalty (elasticNetParam " + requested.elasticNet() + " > 0): use owlqn, prox-newton or auto");
    }
    String weight = params.getWeightCol();
    DataFrameLoader.Columns columns = DataFrameLoader.Columns.of(featuresCol, labelCol, weight);
    DataFrameLoader.check(dataset.schema(), columns);
    LibsvmLoader.Precision precision = LibsvmLoader.Precision.valueOf(params.getPrecision().toUpperCase());
    SparkContext sc = dataset.sparkSession().sparkContext();
    String group = "curvature-" + params.uid() + "-" + FITS.incrementAndGet();
    sc.setJobGroup(group, "Curvature " + kind + " fit (" + params.uid() + ")", false);
    try (SharedBlocks.Handle blocks = SharedBlocks.acquire(dataset, columns, kind.labelDomain(), precision)) {
      LoadedData data = blocks.data();
      TrainingSpec spec = onData.apply(requested, data.sums().summary());
      GlmProblem problem = GlmProblem.of(data.sums(), spec);
      GlmObjective objective = problem.objective();
      DataSummary s = data.sums().summary();
      ProblemSize size = new ProblemSize(s.rows(), objective.dimension(), s.nonzeros(), data.sums().partitions(),
          Math.max(1, sc.defaultParallelism()));
      StoppingRule rule = new StoppingRule(Math.min(Math.max(params.getTol(), 1e-300), 0.999),
          Math.max(1, params.getMaxIter()));
      SolverResult result = SolverCatalog.create(solver, rule, size, objective.sampleStride(), params.getCgMaxIter())
          .minimize(objective, new double[objective.dimension()], r -> { });
      if (!Double.isFinite(result.objective())) {
        throw new IllegalStateException(params.uid() + " fit failed: " + result.message());
      }
      io.curvature.driver.diagnostics.CurvatureDiagnostics curvature = params.getDiagnoseSteps() > 0
          ? io.curvature.driver.diagnostics.CurvatureDiagnostics.at(objective, result.w(), params.getDiagnoseSteps())
          : null;
      return new Fitted(problem.model(result.w(), threshold), result, data.loadSeconds(), curvature);
    } finally {
      sc.clearJobGroup();
    }
  }

  /** The solver the param names: MLlib LinearRegression's normal and l-bfgs mean exact Newton and L-BFGS. */
  static String solverName(String param) {
    return switch (param) {
      case "normal" -> "newton";
      case "l-bfgs" -> "lbfgs";
      default -> param;
    };
  }
}
