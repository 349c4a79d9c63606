package io.curvature.driver.objective;

/**
 * The smooth part f of an objective at one point: value and gradient, and second-order queries at the same point.
 * Queries never return the Hessian of another point: an evaluation may be kept after newer ones (a rejected
 * trust-region step) and its products are still exact, at the cost of recomputing curvature inside the same pass.
 * What the evaluation was asked for ({@link Extra}) comes free; anything else costs one pass.
 */
public interface Evaluation {
  /** The point (a private copy; do not modify). */
  double[] point();

  double value();

  /** The gradient at {@link #point()} (do not modify). */
  double[] gradient();

  /** Writes H v into {@code out}; one pass over the data. */
  void hessianVector(double[] v, double[] out);

  /**
   * Writes H_S v into {@code out}, H_S the Hessian with its data part averaged over every {@code stride}-th row
   * only (from {@code offset}): a sub-sampled Hessian (Byrd, Chin, Nocedal and Wu 2011) at about 1/stride of a
   * pass's work, where the objective {@linkplain Objective#offersSampledHessian offers} it.
   */
  default void sampledHessianVector(double[] v, double[] out, int stride, int offset) {
    throw new UnsupportedOperationException("this objective offers no sub-sampled Hessian");
  }

  /** The diagonal of H. */
  double[] hessianDiagonal();

  /** This evaluation's dense Hessians, when its objective {@linkplain Objective#offers offers} them. */
  default DenseCurvature dense() {
    if (this instanceof DenseCurvature d) {
      return d;
    }
    throw new UnsupportedOperationException("this objective offers no dense Hessian");
  }
}
