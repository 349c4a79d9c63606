package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/** A fitted {@link CurvatureLinearRegression}; exports MLlib's LinearRegressionModel format. */
public class CurvatureLinearRegressionModel extends GlmRegressionModel<CurvatureLinearRegressionModel>
    implements CurvatureParams<CurvatureLinearRegressionModel> {
  private static final long serialVersionUID = 1L;

  CurvatureLinearRegressionModel(String uid, GlmModel glm, String solver, double objective) {
    super(Uids.hold(uid), glm, solver, objective, CurvatureParams::define);
    CurvatureParams.setDefaults(this);
    if (glm.kind() != ModelKind.LINEAR) {
      throw new IllegalArgumentException("a linear regression model cannot hold a " + glm.kind() + " model");
    }
  }

  @Override
  public CurvatureLinearRegressionModel copy(ParamMap extra) {
    CurvatureLinearRegressionModel copy = new CurvatureLinearRegressionModel(uid(), glm, solver, objective);
    copy.summary = summary;
    return copyValues(copy, extra).setParent(parent());
  }

  /** Writes MLlib's LinearRegressionModel format: {@code LinearRegressionModel.load(path)} reads it. */
  public void exportToMllib(String path) {
    MllibExport.linear(this, path);
  }

  public static MLReader<CurvatureLinearRegressionModel> read() {
    return GlmModelIo.reader(CurvatureLinearRegressionModel.class,
        (uid, saved) -> new CurvatureLinearRegressionModel(uid, saved.toModel(), saved.solver(), saved.objective()));
  }

  public static CurvatureLinearRegressionModel load(String path) {
    return read().load(path);
  }
}
