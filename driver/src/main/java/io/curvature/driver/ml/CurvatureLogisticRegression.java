package io.curvature.driver.ml;

import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Logistic regression, binary or multinomial, fitted by Curvature's second-order solvers on Spark: a drop-in for
 * MLlib's {@code LogisticRegression} with MLlib's param names and defaults (regParam, elasticNetParam, fitIntercept,
 * standardization, maxIter, tol, weightCol, threshold, family, aggregationDepth, ...) and the same objective, so
 * switching costs one import. Curvature's own params: {@code solver} (auto, tron, newton-cg, lbfgs, newton, owlqn),
 * {@code cgMaxIter}, {@code precision}.
 *
 * <p>{@code tol} is Curvature's stopping test, ||g(w)|| <= tol ||g(w0)||, a statement about how close to the optimum
 * the model is; MLlib's tol is a stall test on the objective. The default 1e-6 is the same number.
 */
public class CurvatureLogisticRegression
    extends ProbabilisticClassifier<Vector, CurvatureLogisticRegression, CurvatureLogisticRegressionModel>
    implements LogisticParams<CurvatureLogisticRegression>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;

  public CurvatureLogisticRegression() {
    this(Uids.random("curvatureLogreg"));
  }

  public CurvatureLogisticRegression(String uid) {
    this(Uids.hold(uid));
  }

  private CurvatureLogisticRegression(Uids.Token token) {
    super();
    this.uid = token.take();
    this.params = LogisticParams.define(this);
    CurvatureParams.setDefaults(this);
    LogisticParams.setDefaults(this);
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
  public CurvatureLogisticRegressionModel train(Dataset<?> dataset) {
    Dataset<Row> data = dataset.toDF();
    ModelKind kind = LogisticParams.kind(this, data, getLabelCol());
    GlmFitter.Fitted fitted = GlmFitter.fit(this, data, kind, getFeaturesCol(), getLabelCol(), getThreshold());
    CurvatureLogisticRegressionModel model = new CurvatureLogisticRegressionModel(uid(), fitted.model(),
        fitted.result().solver(), fitted.result().objective());
    copyValues(model, ParamMap.empty());
    return model.withSummary(fitted, data);
  }

  @Override
  public CurvatureLogisticRegression copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<CurvatureLogisticRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static CurvatureLogisticRegression load(String path) {
    return read().load(path);
  }
}
