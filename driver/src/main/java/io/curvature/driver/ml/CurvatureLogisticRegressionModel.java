package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted {@link CurvatureLogisticRegression}: MLlib's LogisticRegressionModel surface (coefficients, intercept,
 * coefficientMatrix, interceptVector, numClasses, numFeatures, threshold, summary, raw predictions [-m, m] for binary
 * and the K margins for multinomial) over the shared model record. Saves in Curvature's format
 * ({@link #write()}) and exports MLlib's ({@link #exportToMllib(String)}).
 */
public class CurvatureLogisticRegressionModel
    extends ProbabilisticClassificationModel<Vector, CurvatureLogisticRegressionModel>
    implements LogisticParams<CurvatureLogisticRegressionModel>, MLWritable, GlmModelIo.Saved {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;
  private final GlmModel glm;
  private final String solver;
  private final double objective;
  private transient CurvatureTrainingSummary summary;

  CurvatureLogisticRegressionModel(String uid, GlmModel glm, String solver, double objective) {
    this(Uids.hold(uid), glm, solver, objective);
  }

  private CurvatureLogisticRegressionModel(Uids.Token token, GlmModel glm, String solver, double objective) {
    super();
    this.uid = token.take();
    this.params = LogisticParams.define(this);
    CurvatureParams.setDefaults(this);
    LogisticParams.setDefaults(this);
    if (glm.kind() != ModelKind.LOGISTIC && glm.kind() != ModelKind.MULTINOMIAL) {
      throw new IllegalArgumentException("a logistic regression model cannot hold a " + glm.kind() + " model");
    }
    this.glm = glm;
    this.solver = solver;
    this.objective = objective;
  }

  CurvatureLogisticRegressionModel withSummary(GlmFitter.Fitted fitted, Dataset<Row> training) {
    this.summary = new CurvatureTrainingSummary(fitted, transform(training),
        getLabelCol(), getRawPredictionCol(), getPredictionCol());
    return this;
  }

  @Override
  public String uid() {
    return uid != null ? uid : Uids.pending();
  }

  @Override
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

  private boolean multinomial() {
    return glm.kind() == ModelKind.MULTINOMIAL;
  }

  @Override
  public int numClasses() {
    return multinomial() ? glm.numClasses() : 2;
  }

  @Override
  public int numFeatures() {
    return glm.numFeatures();
  }

  /** The binary model's coefficients (MLlib: a multinomial model has a matrix instead). */
  public Vector coefficients() {
    if (multinomial()) {
      throw new IllegalStateException("Multinomial models contain a matrix of coefficients, use "
          + "coefficientMatrix instead.");
    }
    return Vectors.dense(glm.coefficients()[0]);
  }

  /** The binary model's intercept. */
  public double intercept() {
    if (multinomial()) {
      throw new IllegalStateException("Multinomial models contain a vector of intercepts, use interceptVector "
          + "instead.");
    }
    return glm.intercepts()[0];
  }

  /** K x d (1 x d for binary), row k for class k as MLlib's. */
  public Matrix coefficientMatrix() {
    double[][] c = glm.coefficients();
    double[] rowMajor = new double[c.length * glm.numFeatures()];
    for (int k = 0; k < c.length; k++) {
      System.arraycopy(c[k], 0, rowMajor, k * glm.numFeatures(), glm.numFeatures());
    }
    return new DenseMatrix(c.length, glm.numFeatures(), rowMajor, true);   // isTransposed: values row-major
  }

  public Vector interceptVector() {
    return Vectors.dense(glm.intercepts());
  }

  /** The fitted model record (what model.json holds). */
  public GlmModel model() {
    return glm;
  }

  @Override
  public Vector predictRaw(Vector features) {
    double[] m = Margins.of(glm, features);
    return multinomial() ? Vectors.dense(m) : Vectors.dense(-m[0], m[0]);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector raw) {
    double[] v = ((DenseVector) raw).values();
    double[] p = glm.probabilities(multinomial() ? v : new double[] {v[1]});
    System.arraycopy(p, 0, v, 0, p.length);
    return raw;
  }

  /** Binary: the positive class when its probability exceeds {@code threshold} (unless thresholds are set). */
  @Override
  public double probability2prediction(Vector probability) {
    if (multinomial() || isDefined(thresholds())) {
      return super.probability2prediction(probability);
    }
    return probability.apply(1) > getThreshold() ? 1.0 : 0.0;
  }

  @Override
  public double raw2prediction(Vector raw) {
    if (multinomial() || isDefined(thresholds())) {
      return super.raw2prediction(raw);
    }
    double t = getThreshold();
    double rawThreshold = t == 0 ? Double.NEGATIVE_INFINITY : t == 1 ? Double.POSITIVE_INFINITY
        : Math.log(t / (1 - t));
    return raw.apply(1) > rawThreshold ? 1.0 : 0.0;
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

  /**
   * MLlib's internal hook for its own summaries (both base classes declare it, with return types javac cannot
   * reconcile): this model, its probability and prediction columns, as MLlib's default does.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public CurvatureLogisticRegressionModel copy(ParamMap extra) {
    CurvatureLogisticRegressionModel copy = new CurvatureLogisticRegressionModel(uid(), glm, solver, objective);
    copy.summary = summary;
    return copyValues(copy, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return GlmModelIo.writer(this);
  }

  @Override
  public void save(String path) throws java.io.IOException {
    write().save(path);
  }

  /**
   * Writes MLlib's own LogisticRegressionModel format to {@code path}: MLlib's
   * {@code LogisticRegressionModel.load(path)} reads it and predicts the same.
   */
  public void exportToMllib(String path) {
    MllibExport.logistic(this, path);
  }

  public static MLReader<CurvatureLogisticRegressionModel> read() {
    return GlmModelIo.reader(CurvatureLogisticRegressionModel.class,
        (uid, saved) -> new CurvatureLogisticRegressionModel(uid, saved.toModel(), saved.solver(), saved.objective()));
  }

  public static CurvatureLogisticRegressionModel load(String path) {
    return read().load(path);
  }
}
