package io.curvature.driver.ml;

import io.curvature.driver.SolverCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The params every Curvature estimator and model shares, with MLlib's names, docs and defaults where MLlib has the
 * param (weightCol, regParam, elasticNetParam, fitIntercept, standardization, maxIter, tol, aggregationDepth) and
 * Curvature's own (solver, cgMaxIter, precision). Spark finds params by reflection on public no-argument methods
 * returning a {@link Param}: the default methods here are those, backed by the param objects each stage creates once
 * ({@link #define}) and keeps in {@link #paramTable()}. Setters return the stage itself, for chaining.
 *
 * @param <T> the stage type setters return
 */
public interface CurvatureParams<T extends CurvatureParams<T>> extends Params {
  /** Values the solver param takes (MLlib LinearRegression's normal and l-bfgs are accepted too). */
  List<String> SOLVERS = solverNames();

  private static List<String> solverNames() {
    List<String> names = new ArrayList<>(SolverCatalog.NAMES);
    names.add("normal");
    names.add("l-bfgs");
    return List.copyOf(names);
  }

  /** The param objects of this stage by name (created once, after the uid is set). */
  Map<String, Param<?>> paramTable();

  /** Creates the shared params of {@code parent}, with their defaults set. */
  static Map<String, Param<?>> define(Params parent) {
    Map<String, Param<?>> p = new LinkedHashMap<>();
    p.put("weightCol", new Param<String>(parent, "weightCol",
        "weight column name. If this is not set or empty, we treat all instance weights as 1.0"));
    p.put("regParam", new DoubleParam(parent, "regParam", "regularization parameter (>= 0)",
        ParamValidators.gtEq(0.0)));
    p.put("elasticNetParam", new DoubleParam(parent, "elasticNetParam", "the ElasticNet mixing parameter, in range "
        + "[0, 1]. For alpha = 0, the penalty is an L2 penalty. For alpha = 1, it is an L1 penalty",
        ParamValidators.inRange(0.0, 1.0)));
    p.put("fitIntercept", new BooleanParam(parent, "fitIntercept", "whether to fit an intercept term"));
    p.put("standardization", new BooleanParam(parent, "standardization", "whether to standardize the training "
        + "features before fitting the model (Curvature penalizes coefficients in units of the features' standard "
        + "deviations and leaves the data as it is)"));
    p.put("maxIter", new IntParam(parent, "maxIter", "maximum number of iterations (>= 0)",
        ParamValidators.gtEq(0.0)));
    p.put("tol", new DoubleParam(parent, "tol", "the convergence tolerance for iterative algorithms (>= 0): "
        + "Curvature stops when |g(w)| <= tol |g(w0)|", ParamValidators.gtEq(0.0)));
    p.put("aggregationDepth", new IntParam(parent, "aggregationDepth", "suggested depth for treeAggregate (>= 2)",
        ParamValidators.gtEq(2.0)));
    p.put("solver", new Param<String>(parent, "solver", "the optimization method: " + SOLVERS
        + " (normal and l-bfgs, LinearRegression's, mean newton and lbfgs)",
        ParamValidators.inArray(SOLVERS.toArray(new String[0]))));
    p.put("cgMaxIter", new IntParam(parent, "cgMaxIter", "conjugate-gradient steps per Newton step at most (>= 1)",
        ParamValidators.gtEq(1.0)));
    p.put("diagnoseSteps", new IntParam(parent, "diagnoseSteps", "Lanczos steps (Hessian-vector passes) of the "
        + "curvature diagnostics at the fitted model, which the training summary then carries (0: none)",
        ParamValidators.gtEq(0.0)));
    p.put("precision", new Param<String>(parent, "precision", "width of the cached feature values: float64 or "
        + "float32 (8 bytes a nonzero instead of 12)", ParamValidators.inArray(new String[] {"float64", "float32"})));
    return p;
  }

  /** Sets the shared defaults (MLlib's where MLlib has the param). */
  @SuppressWarnings("unchecked")
  static void setDefaults(CurvatureParams<?> s) {
    Map<String, Param<?>> p = s.paramTable();
    s.setDefault((Param<Object>) p.get("regParam"), 0.0);
    s.setDefault((Param<Object>) p.get("elasticNetParam"), 0.0);
    s.setDefault((Param<Object>) p.get("fitIntercept"), true);
    s.setDefault((Param<Object>) p.get("standardization"), true);
    s.setDefault((Param<Object>) p.get("maxIter"), 100);
    s.setDefault((Param<Object>) p.get("tol"), 1e-6);
    s.setDefault((Param<Object>) p.get("aggregationDepth"), 2);
    s.setDefault((Param<Object>) p.get("solver"), "auto");
    s.setDefault((Param<Object>) p.get("cgMaxIter"), 1000);
    s.setDefault((Param<Object>) p.get("precision"), "float64");
    s.setDefault((Param<Object>) p.get("diagnoseSteps"), 0);
  }

  @SuppressWarnings("unchecked")
  default Param<String> weightCol() {
    return (Param<String>) paramTable().get("weightCol");
  }

  default DoubleParam regParam() {
    return (DoubleParam) paramTable().get("regParam");
  }

  default DoubleParam elasticNetParam() {
    return (DoubleParam) paramTable().get("elasticNetParam");
  }

  default BooleanParam fitIntercept() {
    return (BooleanParam) paramTable().get("fitIntercept");
  }

  default BooleanParam standardization() {
    return (BooleanParam) paramTable().get("standardization");
  }

  default IntParam maxIter() {
    return (IntParam) paramTable().get("maxIter");
  }

  default DoubleParam tol() {
    return (DoubleParam) paramTable().get("tol");
  }

  default IntParam aggregationDepth() {
    return (IntParam) paramTable().get("aggregationDepth");
  }

  @SuppressWarnings("unchecked")
  default Param<String> solver() {
    return (Param<String>) paramTable().get("solver");
  }

  default IntParam cgMaxIter() {
    return (IntParam) paramTable().get("cgMaxIter");
  }

  @SuppressWarnings("unchecked")
  default Param<String> precision() {
    return (Param<String>) paramTable().get("precision");
  }

  default String getWeightCol() {
    return isDefined(weightCol()) ? (String) getOrDefault(weightCol()) : "";
  }

  default double getRegParam() {
    return (Double) getOrDefault(regParam());
  }

  default double getElasticNetParam() {
    return (Double) getOrDefault(elasticNetParam());
  }

  default boolean getFitIntercept() {
    return (Boolean) getOrDefault(fitIntercept());
  }

  default boolean getStandardization() {
    return (Boolean) getOrDefault(standardization());
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default int getAggregationDepth() {
    return (Integer) getOrDefault(aggregationDepth());
  }

  default String getSolver() {
    return (String) getOrDefault(solver());
  }

  default IntParam diagnoseSteps() {
    return (IntParam) paramTable().get("diagnoseSteps");
  }

  default int getDiagnoseSteps() {
    return (Integer) getOrDefault(diagnoseSteps());
  }

  default int getCgMaxIter() {
    return (Integer) getOrDefault(cgMaxIter());
  }

  default String getPrecision() {
    return (String) getOrDefault(precision());
  }

  @SuppressWarnings("unchecked")
  private T put(Param<?> param, Object value) {
    set((Param<Object>) param, value);
    return (T) this;
  }

  default T setWeightCol(String value) {
    return put(weightCol(), value);
  }

  default T setRegParam(double value) {
    return put(regParam(), value);
  }

  default T setElasticNetParam(double value) {
    return put(elasticNetParam(), value);
  }

  default T setFitIntercept(boolean value) {
    return put(fitIntercept(), value);
  }

  default T setStandardization(boolean value) {
    return put(standardization(), value);
  }

  default T setMaxIter(int value) {
    return put(maxIter(), value);
  }

  default T setTol(double value) {
    return put(tol(), value);
  }

  default T setAggregationDepth(int value) {
    return put(aggregationDepth(), value);
  }

  default T setSolver(String value) {
    return put(solver(), value);
  }

  default T setCgMaxIter(int value) {
    return put(cgMaxIter(), value);
  }

  default T setDiagnoseSteps(int value) {
    return put(diagnoseSteps(), value);
  }

  default T setPrecision(String value) {
    return put(precision(), value);
  }
}
