package io.curvature.driver.ml;

import io.curvature.driver.model.ModelKind;
import java.util.Map;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** The params logistic regression adds, as MLlib's: threshold (binary) and family (auto, binomial, multinomial). */
public interface LogisticParams<T extends LogisticParams<T>> extends CurvatureParams<T> {
  /** The shared params and these two. */
  static Map<String, Param<?>> define(org.apache.spark.ml.param.Params parent) {
    Map<String, Param<?>> p = CurvatureParams.define(parent);
    p.put("threshold", new DoubleParam(parent, "threshold", "threshold in binary classification prediction, in "
        + "range [0, 1]", ParamValidators.inRange(0.0, 1.0)));
    p.put("family", new Param<String>(parent, "family", "The name of family which is a description of the label "
        + "distribution to be used in the model. Supported options: auto, binomial, multinomial.",
        ParamValidators.inArray(new String[] {"auto", "binomial", "multinomial"})));
    return p;
  }

  @SuppressWarnings("unchecked")
  static void setDefaults(LogisticParams<?> s) {
    s.setDefault((Param<Object>) s.paramTable().get("threshold"), 0.5);
    s.setDefault((Param<Object>) s.paramTable().get("family"), "auto");
  }

  default DoubleParam threshold() {
    return (DoubleParam) paramTable().get("threshold");
  }

  @SuppressWarnings("unchecked")
  default Param<String> family() {
    return (Param<String>) paramTable().get("family");
  }

  default double getThreshold() {
    return (Double) getOrDefault(threshold());
  }

  default String getFamily() {
    return (String) getOrDefault(family());
  }

  @SuppressWarnings("unchecked")
  default T setThreshold(double value) {
    set((Param<Object>) (Param<?>) threshold(), value);
    return (T) this;
  }

  @SuppressWarnings("unchecked")
  default T setFamily(String value) {
    set((Param<Object>) (Param<?>) family(), value);
    return (T) this;
  }

  /**
   * The model kind for the family, as MLlib decides it: multinomial when asked, or for auto when the labels hold
   * more than two classes (the largest label + 1, one pass over the label column); binomial refuses more than two,
   * with MLlib's message.
   */
  static ModelKind kind(LogisticParams<?> params, Dataset<Row> data, String labelCol) {
    String family = params.getFamily();
    if (family.equals("multinomial")) {
      return ModelKind.MULTINOMIAL;
    }
    Row max = data.agg(functions.max(functions.col(labelCol).cast("double"))).first();
    double largest = max.isNullAt(0) ? 0 : max.getDouble(0);
    int classes = (int) Math.max(2, Math.floor(largest) + 1);
    if (family.equals("binomial") && classes > 2) {
      throw new IllegalArgumentException("requirement failed: Binomial family only supports 1 or 2 outcome classes "
          + "but found " + classes + ".");
    }
    return classes > 2 ? ModelKind.MULTINOMIAL : ModelKind.LOGISTIC;
  }
}
