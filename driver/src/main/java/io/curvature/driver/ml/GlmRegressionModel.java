package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What Curvature's regression models share: the model record, prediction as its mean response (the margin, or
 * exp(margin) for Poisson), coefficients and intercept as MLlib's, the training summary, and saving.
 *
 * @param <M> the concrete model
 */
public abstract class GlmRegressionModel<M extends GlmRegressionModel<M>> extends RegressionModel<Vector, M>
    implements MLWritable, GlmModelIo.Saved {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;
  final GlmModel glm;
  final String solver;
  final double objective;
  transient CurvatureTrainingSummary summary;

  GlmRegressionModel(Uids.Token token, GlmModel glm, String solver, double objective,
      java.util.function.Function<GlmRegressionModel<M>, Map<String, Param<?>>> define) {
    super();
    this.uid = token.take();
    this.glm = glm;
    this.solver = solver;
    this.objective = objective;
    this.params = define.apply(this);
  }

  @Override
  public String uid() {
    return uid != null ? uid : Uids.pending();
  }

  public Map<String, Param<?>> paramTable() {
    return params;
  }

  @Override
  public GlmModel glm() {
    return glm;
  }

  @Override
  public String solverName() {
    return solver;
  }

  @Override
  public double objectiveValue() {
    return objective;
  }

  @Override
  public int numFeatures() {
    return glm.numFeatures();
  }

  public Vector coefficients() {
    return Vectors.dense(glm.coefficients()[0]);
  }

  public double intercept() {
    return glm.intercepts()[0];
  }

  /** The fitted model record (what model.json holds). */
  public GlmModel model() {
    return glm;
  }

  @Override
  public double predict(Vector features) {
    return glm.predict(Margins.of(glm, features));
  }

  @SuppressWarnings("unchecked")
  M withSummary(GlmFitter.Fitted fitted, Dataset<Row> training) {
    summary = new CurvatureTrainingSummary(fitted, transform(training),
        getLabelCol(), getPredictionCol(), getPredictionCol());
    return (M) this;
  }

  public boolean hasSummary() {
    return summary != null;
  }

  /** How the fit went (on the model the estimator returned; a loaded model has none). */
  public CurvatureTrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("No training summary available for this " + getClass().getSimpleName());
    }
    return summary;
  }

  @Override
  public MLWriter write() {
    return GlmModelIo.writer(this);
  }

  @Override
  public void save(String path) throws java.io.IOException {
    write().save(path);
  }
}
