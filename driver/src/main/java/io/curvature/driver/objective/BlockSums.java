package io.curvature.driver.objective;

import io.curvature.workers.GramPartial;
import io.curvature.workers.LossPartial;
import io.curvature.workers.RowLoss;

/**
 * Sums over every block of the training data, for a given per-row loss and intercept setting; each call is one pass.
 * {@code key} names the evaluation whose curvature state the workers cache in the value+gradient pass and reuse in
 * the Hessian passes (upper 32 bits: the objective, lower: its evaluation count); {@code w} is sent along so the state
 * can be rebuilt when lost. Sums are combined in a fixed order, so equal inputs give equal bits. Safe to call from
 * several threads at once (concurrent fits over the same data).
 */
public interface BlockSums {
  DataSummary summary();

  /**
   * Loss and gradient sums at {@code w}; with the Hessian diagonal when {@code diagonal}, and the Hessian sum over
   * about every {@code gramStride}-th row when {@code gramStride > 0}.
   */
  LossPartial valueGradient(RowLoss loss, boolean intercept, double[] w, long key, boolean diagonal, int gramStride);

  /** The Hessian sum times v. */
  double[] hessianVector(RowLoss loss, boolean intercept, double[] w, long key, double[] v);

  /** The diagonal of the Hessian sum. */
  double[] hessianDiagonal(RowLoss loss, boolean intercept, double[] w, long key);

  /** The Hessian sum over about every {@code stride}-th row (lower triangle, dim x dim row-major). */
  GramPartial gram(RowLoss loss, boolean intercept, double[] w, long key, int stride);

  /** Per-feature weighted sums of x and x^2 (one pass). */
  FeatureMoments featureMoments();

  /** Names the passes that follow (a Spark backend sets it as the job description). */
  default void describe(String context) {}
}
