package io.curvature.driver.model;

/**
 * What to fit: the model kind and its penalty as MLlib states it, lambda (alpha ||w||_1 + (1 - alpha)/2 ||w||_2^2),
 * with intercepts never penalized and, with {@code standardize}, the penalty applied to coefficients in units of each
 * feature's standard deviation. Validated on construction; messages name the setting by MLlib's param name.
 *
 * @param regParam     lambda >= 0
 * @param elasticNet   alpha in [0, 1]: 0 is L2 (ridge), 1 is L1 (lasso)
 * @param fitIntercept fit unpenalized intercepts
 * @param standardize  penalize coefficients in units of the features' standard deviations (the data is not changed)
 */
public record TrainingSpec(ModelKind kind, double regParam, double elasticNet, boolean fitIntercept,
    boolean standardize) implements java.io.Serializable {
  public TrainingSpec {
    if (kind == null) {
      throw new IllegalArgumentException("no model kind given");
    }
    if (!(regParam >= 0) || Double.isInfinite(regParam)) {
      throw new IllegalArgumentException("regParam is " + regParam + ", expected a finite number >= 0");
    }
    if (!(elasticNet >= 0 && elasticNet <= 1)) {
      throw new IllegalArgumentException("elasticNetParam is " + elasticNet + ", expected in [0, 1]");
    }
  }

  /** The L2-only binary logistic regression of the first release. */
  public static TrainingSpec logistic(double regParam, boolean fitIntercept) {
    return new TrainingSpec(ModelKind.LOGISTIC, regParam, 0.0, fitIntercept, false);
  }

  /** Whether the penalty has an L1 part (only OWL-QN and proximal Newton handle it). */
  public boolean hasL1() {
    return regParam > 0 && elasticNet > 0;
  }
}
