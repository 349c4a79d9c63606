package io.curvature.driver.objective;

/**
 * The objective at one point: value and gradient, and second-order queries at the same point. Queries never return
 * the Hessian of another point: an evaluation may be kept after newer ones (a rejected trust-region step) and its
 * products are still exact, at the cost of recomputing curvature weights inside the same pass.
 *
 * <p>Matrices are dim x dim row-major arrays, full and symmetric. What the evaluation was asked for
 * ({@link Extra}) comes free; anything else costs one pass.
 */
public interface Evaluation {
  /** The point (a private copy; do not modify). */
  double[] point();

  double value();

  /** The gradient at {@link #point()} (do not modify). */
  double[] gradient();

  /** Writes H v into {@code out}; one pass over the data. */
  void hessianVector(double[] v, double[] out);

  /** The diagonal of H. */
  double[] hessianDiagonal();

  /** H, explicitly. O(dim^2) memory; meant for dimensions up to a few thousand. */
  double[] hessian();

  /**
   * The Hessian estimated from a row sample (with the exact regularizer): a preconditioner close to H at a fraction
   * of its cost. The exact H when the evaluation holds it.
   */
  double[] sampleHessian();
}
