package io.curvature.driver.ml;

import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
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
 * GeneralizedLinearRegression names them, fitting the model MLlib's fits for the same regParam:
 * <ul>
 *   <li>poisson: MLlib's IRLS normalizes each weighted least-squares step by the working weights, so its fixed point
 *   with an intercept minimizes (1/W) sum s_i (mu_i - y_i eta_i) + (regParam ybar)/2 ||w||^2, ybar the weighted mean
 *   label. Curvature minimizes exactly that. Without an intercept MLlib's fixed point minimizes no fixed function;
 *   Curvature uses the same ybar scaling there, which is close but not MLlib's.
 *   <li>gaussian: MLlib fits one weighted least squares with standardized features and label, which is
 *   LinearRegression's objective with standardization on; so is Curvature's unless standardization is set.
 * </ul>
 * MLlib's GLR has no standardization param; here an explicit {@code setStandardization} wins over the family's rule.
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
    ModelKind kind = kind(this, family(), link());
    boolean standardize = isSet(standardization()) ? getStandardization() : kind == ModelKind.LINEAR;
    GlmFitter.SpecOnData mllibRegParam = kind != ModelKind.POISSON ? GlmFitter.SpecOnData.AS_GIVEN
        : (spec, summary) -> new TrainingSpec(spec.kind(), spec.regParam() * summary.labels().mean(
            summary.weightSum()), spec.elasticNet(), spec.fitIntercept(), spec.standardize());
    GlmFitter.Fitted fitted = GlmFitter.fit(this, data, kind, getFeaturesCol(), getLabelCol(), 0.0, standardize,
        mllibRegParam);
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
