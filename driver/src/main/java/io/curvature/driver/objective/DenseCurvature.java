package io.curvature.driver.objective;

/**
 * Dense d x d Hessians at an evaluation's point, a capability of objectives of moderate dimension (matrices are
 * row-major, full and symmetric). Each costs a pass unless the evaluation was asked for it.
 */
public interface DenseCurvature {
  /** H, explicitly. O(dim^2) memory; meant for dimensions up to a few thousand. */
  double[] hessian();

  /**
   * The Hessian estimated from a row sample (with the exact regularizer): a preconditioner close to H at a fraction
   * of its cost. The exact H when the evaluation holds it.
   */
  double[] sampleHessian();
}
