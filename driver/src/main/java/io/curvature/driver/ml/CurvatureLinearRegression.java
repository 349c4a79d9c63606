package io.curvature.driver.ml;

import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Least squares with MLlib's LinearRegression objective (its label scaling included) and params; solver normal (or
 * newton) solves it in one pass, as MLlib's normal equations do; l-bfgs, owlqn (elastic net), tron and auto as
 * elsewhere.
 */
public class CurvatureLinearRegression
    extends Regressor<Vector, CurvatureLinearRegression, CurvatureLinearRegressionModel>
    implements CurvatureParams<CurvatureLinearRegression>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;

  public CurvatureLinearRegression() {
    this(Uids.random("curvatureLinReg"));
  }

  public CurvatureLinearRegression(String uid) {
    this(Uids.hold(uid));
  }

  private CurvatureLinearRegression(Uids.Token token) {
    super();
    this.uid = token.take();
    this.params = CurvatureParams.define(this);
    CurvatureParams.setDefaults(this);
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
  public CurvatureLinearRegressionModel train(Dataset<?> dataset) {
    Dataset<Row> data = dataset.toDF();
    GlmFitter.Fitted fitted = GlmFitter.fit(this, data, ModelKind.LINEAR, getFeaturesCol(), getLabelCol(), 0.0);
    CurvatureLinearRegressionModel model = new CurvatureLinearRegressionModel(uid(), fitted.model(),
        fitted.result().solver(), fitted.result().objective());
    copyValues(model, ParamMap.empty());
    return model.withSummary(fitted, data);
  }

  @Override
  public CurvatureLinearRegression copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<CurvatureLinearRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static CurvatureLinearRegression load(String path) {
    return read().load(path);
  }
}
