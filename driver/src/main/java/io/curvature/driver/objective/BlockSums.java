package io.curvature.driver.objective;

import io.curvature.workers.GramPartial;
import io.curvature.workers.LossPartial;

/**
 * Sums over every block of the training data; each call is one pass. {@code key} names the evaluation whose
 * curvature weights the workers cache in the value+gradient pass and reuse in the Hessian passes; {@code w} is sent
 * along so they can be rebuilt when lost. Sums are combined in a fixed order, so equal inputs give equal bits.
 */
public interface BlockSums {
  DataSummary summary();

  /**
   * Loss and gradient sums at {@code w}; with the Hessian diagonal when {@code diagonal}, and the Gram matrix
   * sum c_i x_i x_i^T over every {@code gramStride}-th row when {@code gramStride > 0}.
   */
  LossPartial valueGradient(double[] w, boolean intercept, long key, boolean diagonal, int gramStride);

  /** X^T D X v. */
  double[] hessianVector(double[] w, boolean intercept, long key, double[] v);

  /** diag(X^T D X). */
  double[] hessianDiagonal(double[] w, boolean intercept, long key);

  /** sum c_i x_i x_i^T over every {@code stride}-th row (lower triangle, dim x dim row-major). */
  GramPartial gram(double[] w, boolean intercept, long key, int stride);
}
