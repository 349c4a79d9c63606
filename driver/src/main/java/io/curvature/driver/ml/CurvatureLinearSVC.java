package io.curvature.driver.ml;

import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A linear SVM with the squared hinge, LIBLINEAR's L2-loss SVM ({@code -s 2}) in MLlib's scaling:
 * (1/W) sum s_i max(0, 1 - y_i m_i)^2 + regParam/2 ||w||^2, which trust-region Newton solves in a few passes. MLlib's
 * LinearSVC minimizes the plain hinge, a different objective; the params and the prediction rule (margin above
 * {@code threshold}, default 0) are MLlib's.
 */
public class CurvatureLinearSVC extends Classifier<Vector, CurvatureLinearSVC, CurvatureLinearSVCModel>
    implements CurvatureParams<CurvatureLinearSVC>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;

  public CurvatureLinearSVC() {
    this(Uids.random("curvatureLinearsvc"));
  }

  public CurvatureLinearSVC(String uid) {
    this(Uids.hold(uid));
  }

  private CurvatureLinearSVC(Uids.Token token) {
    super();
    this.uid = token.take();
    this.params = defineParams(this);
    CurvatureParams.setDefaults(this);
    setDefault(threshold(), 0.0);
  }

  static Map<String, Param<?>> defineParams(org.apache.spark.ml.param.Params parent) {
    Map<String, Param<?>> p = CurvatureParams.define(parent);
    p.put("threshold", new DoubleParam(parent, "threshold", "threshold in binary classification prediction applied "
        + "to rawPrediction"));
    return p;
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

  public CurvatureLinearSVC setThreshold(double value) {
    set(threshold(), value);
    return this;
  }

  @Override
  public CurvatureLinearSVCModel train(Dataset<?> dataset) {
    Dataset<Row> data = dataset.toDF();
    GlmFitter.Fitted fitted = GlmFitter.fit(this, data, ModelKind.SVM, getFeaturesCol(), getLabelCol(),
        getThreshold());
    CurvatureLinearSVCModel model = new CurvatureLinearSVCModel(uid(), fitted.model(), fitted.result().solver(),
        fitted.result().objective());
    copyValues(model, ParamMap.empty());
    return model.withSummary(fitted, data);
  }

  @Override
  public CurvatureLinearSVC copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<CurvatureLinearSVC> read() {
    return new DefaultParamsReader<>();
  }

  public static CurvatureLinearSVC load(String path) {
    return read().load(path);
  }
}
