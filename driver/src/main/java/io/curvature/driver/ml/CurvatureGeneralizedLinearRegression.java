package io.curvature.driver.ml;

import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Generalized linear regression: family poisson (link log) or gaussian (link identity), as MLlib's
 * GeneralizedLinearRegression names them. The objective is (1/W) sum s_i l_i + regParam/2 ||w||^2 (and elastic net if
 * asked), the likelihood MLlib's IRLS maximizes. MLlib's regParam differs for Poisson: its IRLS normalizes by the
 * working weights, which with an intercept makes its regParam r the same as Curvature's r times the weighted mean
 * label. MLlib's GLR has no standardization; here it is off by default.
 */
public class CurvatureGeneralizedLinearRegression
    extends Regressor<Vector, CurvatureGeneralizedLinearRegression, CurvatureGeneralizedLinearRegressionModel>
    implements CurvatureParams<CurvatureGeneralizedLinearRegression>, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Map<String, Param<?>> params;

  public CurvatureGeneralizedLinearRegression() {
    this(Uids.random("curvatureGlm"));
  }

  public CurvatureGeneralizedLinearRegression(String uid) {
    this(Uids.hold(uid));
  }

  private CurvatureGeneralizedLinearRegression(Uids.Token token) {
    super();
    this.uid = token.take();
    this.params = defineParams(this);
    CurvatureParams.setDefaults(this);
    setDefaults(this);
  }

  static Map<String, Param<?>> defineParams(org.apache.spark.ml.param.Params parent) {
    Map<String, Param<?>> p = CurvatureParams.define(parent);
    p.put("family", new Param<String>(parent, "family", "The name of family which is a description of the error "
        + "distribution to be used in the model. Supported options: poisson, gaussian.",
        ParamValidators.inArray(new String[] {"poisson", "gaussian"})));
    p.put("link", new Param<String>(parent, "link", "The name of link function: log for poisson, identity for "
        + "gaussian (the canonical links)", ParamValidators.inArray(new String[] {"log", "identity"})));
    return p;
  }

  @SuppressWarnings("unchecked")
  static void setDefaults(CurvatureParams<?> s) {
    s.setDefault((Param<Object>) s.paramTable().get("family"), "gaussian");
    s.setDefault((Param<Object>) s.paramTable().get("standardization"), false);
  }

  @Override
  public String uid() {
    return uid != null ? uid : Uids.pending();
  }

  @Override
  public Map<String, Param<?>> paramTable() {
    return params;
  }

  @SuppressWarnings("unchecked")
  public Param<String> family() {
    return (Param<String>) params.get("family");
  }

  @SuppressWarnings("unchecked")
  public Param<String> link() {
    return (Param<String>) params.get("link");
  }

  public String getFamily() {
    return $(family());
  }

  public CurvatureGeneralizedLinearRegression setFamily(String value) {
    set(family(), value);
    return this;
  }

  public CurvatureGeneralizedLinearRegression setLink(String value) {
    set(link(), value);
    return this;
  }

  /** The model kind of the family, checking that the link is its canonical one. */
  static ModelKind kind(CurvatureParams<?> p, Param<String> family, Param<String> link) {
    String f = (String) p.getOrDefault(family);
    String expected = f.equals("poisson") ? "log" : "identity";
    if (p.isDefined(link) && !p.getOrDefault(link).equals(expected)) {
      throw new IllegalArgumentException(p.uid() + " family " + f + " supports the " + expected + " link only, not "
          + p.getOrDefault(link));
    }
    return f.equals("poisson") ? ModelKind.POISSON : ModelKind.LINEAR;
  }

  @Override
  public CurvatureGeneralizedLinearRegressionModel train(Dataset<?> dataset) {
    Dataset<Row> data = dataset.toDF();
    GlmFitter.Fitted fitted = GlmFitter.fit(this, data, kind(this, family(), link()), getFeaturesCol(),
        getLabelCol(), 0.0);
    CurvatureGeneralizedLinearRegressionModel model = new CurvatureGeneralizedLinearRegressionModel(uid(),
        fitted.model(), fitted.result().solver(), fitted.result().objective());
    copyValues(model, ParamMap.empty());
    return model.withSummary(fitted, data);
  }

  @Override
  public CurvatureGeneralizedLinearRegression copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<CurvatureGeneralizedLinearRegression> read() {
    return new DefaultParamsReader<>();
  }

  public static CurvatureGeneralizedLinearRegression load(String path) {
    return read().load(path);
  }
}
