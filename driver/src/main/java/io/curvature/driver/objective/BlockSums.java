package io.curvature.driver.objective;

import io.curvature.workers.LossPartial;

/**
 * Sums over every block of the training data; each call is one pass. {@code key} names the evaluation whose
 * curvature weights the workers cache in the value+gradient pass and reuse in the Hessian passes; {@code w} is sent
 * along so they can be rebuilt when lost. Sums are combined in a fixed order, so equal inputs give equal bits.
 */
public interface BlockSums {
  DataSummary summary();

  /** Loss and gradient sums at {@code w} (dimension dim); adds the Hessian diagonal sum to {@code diagonal}. */
  LossPartial valueGradient(double[] w, boolean intercept, long key, double[] diagonal);

  /** X^T D X v. */
  double[] hessianVector(double[] w, boolean intercept, long key, double[] v);

  /** diag(X^T D X). */
  double[] hessianDiagonal(double[] w, boolean intercept, long key);

  /** Lower triangle of X^T D X as a dim x dim row-major array. */
  double[] hessianLower(double[] w, boolean intercept, long key);
}
