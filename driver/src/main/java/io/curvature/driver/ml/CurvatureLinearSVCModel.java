package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A fitted {@link CurvatureLinearSVC}: raw prediction [-m, m], class 1 when the margin exceeds the threshold. */
public class CurvatureLinearSVCModel extends ClassificationModel<Vector, CurvatureLinearSVCModel>
    implements CurvatureParams<CurvatureLinearSVCModel>, MLWritable, GlmModelIo.Saved {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;
  private final GlmModel glm;
  private final String solver;
  private final double objective;
  private transient CurvatureTrainingSummary summary;

  CurvatureLinearSVCModel(String uid, GlmModel glm, String solver, double objective) {
    this(Uids.hold(uid), glm, solver, objective);
  }

  private CurvatureLinearSVCModel(Uids.Token token, GlmModel glm, String solver, double objective) {
    super();
    this.uid = token.take();
    this.params = CurvatureLinearSVC.defineParams(this);
    CurvatureParams.setDefaults(this);
    setDefault(threshold(), 0.0);
    if (glm.kind() != ModelKind.SVM) {
      throw new IllegalArgumentException("a linear SVM model cannot hold a " + glm.kind() + " model");
    }
    this.glm = glm;
    this.solver = solver;
    this.objective = objective;
  }

  @Override
  public String uid() {
    return uid != null ? uid : Uids.pending();
  }

  @Override
  public Map<String, Param<?>> paramTable() {
    return params;
  }

  public DoubleParam threshold() {
    return (DoubleParam) params.get("threshold");
  }

  public double getThreshold() {
    return (Double) $(threshold());
  }

  public CurvatureLinearSVCModel setThreshold(double value) {
    set(threshold(), value);
    return this;
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
  public int numClasses() {
    return 2;
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

  @Override
  public Vector predictRaw(Vector features) {
    double m = Margins.of(glm, features)[0];
    return Vectors.dense(-m, m);
  }

  @Override
  public double raw2prediction(Vector raw) {
    return raw.apply(1) > getThreshold() ? 1.0 : 0.0;
  }

  CurvatureLinearSVCModel withSummary(GlmFitter.Fitted fitted, Dataset<Row> training) {
    summary = new CurvatureTrainingSummary(fitted, transform(training),
        getLabelCol(), getRawPredictionCol(), getPredictionCol());
    return this;
  }

  public boolean hasSummary() {
    return summary != null;
  }

  public CurvatureTrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("No training summary available for this " + getClass().getSimpleName());
    }
    return summary;
  }

  @Override
  public CurvatureLinearSVCModel copy(ParamMap extra) {
    CurvatureLinearSVCModel copy = new CurvatureLinearSVCModel(uid(), glm, solver, objective);
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

  public static MLReader<CurvatureLinearSVCModel> read() {
    return GlmModelIo.reader(CurvatureLinearSVCModel.class,
        (uid, saved) -> new CurvatureLinearSVCModel(uid, saved.toModel(), saved.solver(), saved.objective()));
  }

  public static CurvatureLinearSVCModel load(String path) {
    return read().load(path);
  }
}
