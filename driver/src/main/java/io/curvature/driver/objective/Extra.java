package io.curvature.driver.objective;

/**
 * What a value+gradient pass also computes while each row is in cache, for the solver to use at that point.
 * Each costs compute on the workers and a larger partial to aggregate, but no extra read of the data.
 */
public enum Extra {
  /** Value and gradient only. */
  NONE,
  /** The Hessian diagonal (a diagonal preconditioner, L-BFGS scaling). */
  DIAGONAL,
  /** The diagonal and the Hessian of a row sample (a dense preconditioner for CG); see {@link DenseCurvature}. */
  SAMPLE_HESSIAN,
  /** The full explicit Hessian (exact Newton; small dimension only); see {@link DenseCurvature}. */
  HESSIAN
}
