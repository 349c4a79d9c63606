package io.curvature.driver.objective;

/**
 * The objective at one point: value and gradient, and second-order queries at the same point. Queries never return
 * the Hessian of another point: an evaluation may be kept after newer ones (a rejected trust-region step) and its
 * products are still exact, at the cost of recomputing curvature weights inside the same pass.
 */
public interface Evaluation {
  /** The point (a private copy; do not modify). */
  double[] point();

  double value();

  /** The gradient at {@link #point()} (do not modify). */
  double[] gradient();

  /** Writes H v into {@code out}; one pass over the data. */
  void hessianVector(double[] v, double[] out);

  /** The diagonal of H; free when the evaluation was asked for it, else one pass. */
  double[] hessianDiagonal();

  /** H as a full dimension x dimension row-major array; one pass, O(nnz per row squared) work a row. */
  double[] hessian();
}
