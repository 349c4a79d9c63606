package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/** A fitted {@link CurvatureGeneralizedLinearRegression}: predicts the mean response, exp(margin) for Poisson. */
public class CurvatureGeneralizedLinearRegressionModel
    extends GlmRegressionModel<CurvatureGeneralizedLinearRegressionModel>
    implements CurvatureParams<CurvatureGeneralizedLinearRegressionModel> {
  private static final long serialVersionUID = 1L;

  CurvatureGeneralizedLinearRegressionModel(String uid, GlmModel glm, String solver, double objective) {
    super(Uids.hold(uid), glm, solver, objective, CurvatureGeneralizedLinearRegression::defineParams);
    CurvatureParams.setDefaults(this);
    CurvatureGeneralizedLinearRegression.setDefaults(this);
    if (glm.kind() != ModelKind.POISSON && glm.kind() != ModelKind.LINEAR) {
      throw new IllegalArgumentException("a generalized linear model cannot hold a " + glm.kind() + " model");
    }
  }

  @SuppressWarnings("unchecked")
  public Param<String> family() {
    return (Param<String>) paramTable().get("family");
  }

  @SuppressWarnings("unchecked")
  public Param<String> link() {
    return (Param<String>) paramTable().get("link");
  }

  @Override
  public CurvatureGeneralizedLinearRegressionModel copy(ParamMap extra) {
    CurvatureGeneralizedLinearRegressionModel copy = new CurvatureGeneralizedLinearRegressionModel(uid(), glm, solver,
        objective);
    copy.summary = summary;
    return copyValues(copy, extra).setParent(parent());
  }

  public static MLReader<CurvatureGeneralizedLinearRegressionModel> read() {
    return GlmModelIo.reader(CurvatureGeneralizedLinearRegressionModel.class,
        (uid, saved) -> new CurvatureGeneralizedLinearRegressionModel(uid, saved.toModel(), saved.solver(),
            saved.objective()));
  }

  public static CurvatureGeneralizedLinearRegressionModel load(String path) {
    return read().load(path);
  }
}
