package io.curvature.jobs;

import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.SolverCatalog;
import io.curvature.driver.spark.LibsvmLoader;

/**
 * The settings of one training run, validated on construction and written into the report as provenance.
 *
 * @param partitions  0 lets the input splits decide
 * @param numFeatures 0 takes the largest feature index in the data
 * @param model       logistic, multinomial, linear, poisson or svm
 * @param elasticNet  alpha of MLlib's elastic net (0: L2 only)
 * @param standardize penalize coefficients in units of the features' standard deviations
 */
public record TrainConfig(String data, String format, String solver, double regParam, boolean fitIntercept,
    double tol, int maxIter, String output, int partitions, String master, int numFeatures,
    LibsvmLoader.Layout layout, LibsvmLoader.Precision precision, String model, double elasticNet,
    boolean standardize) {
  public TrainConfig {
    if (!"libsvm".equals(format)) {
      throw new IllegalArgumentException("format '" + format + "' is not supported (expected libsvm)");
    }
    if (!SolverCatalog.NAMES.contains(solver)) {
      throw new IllegalArgumentException("solver '" + solver + "' is not one of " + SolverCatalog.NAMES);
    }
    if (!(regParam >= 0) || Double.isInfinite(regParam)) {
      throw new IllegalArgumentException("--reg-param is " + regParam + ", expected a finite number >= 0");
    }
    if (!(tol > 0 && tol < 1)) {
      throw new IllegalArgumentException("--tol is " + tol + ", expected in (0, 1)");
    }
    if (maxIter < 1) {
      throw new IllegalArgumentException("--max-iter is " + maxIter + ", expected >= 1");
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions is " + partitions + ", expected >= 1");
    }
    if (numFeatures < 0) {
      throw new IllegalArgumentException("--num-features is " + numFeatures + ", expected >= 1");
    }
    model = ModelKind.parse(model).cliName();
    if (!(elasticNet >= 0 && elasticNet <= 1)) {
      throw new IllegalArgumentException("--elastic-net is " + elasticNet + ", expected in [0, 1]");
    }
    if (elasticNet > 0 && regParam > 0 && !solver.equals("owlqn") && !solver.equals("auto")) {
      throw new IllegalArgumentException("--solver " + solver + " cannot minimize an L1 penalty (--elastic-net "
          + elasticNet + " > 0): use owlqn or auto");
    }
  }

  /** What to fit. */
  public TrainingSpec spec() {
    return new TrainingSpec(ModelKind.parse(model), regParam, elasticNet, fitIntercept, standardize);
  }
}
