package io.curvature.driver.objective;

import io.curvature.workers.GramPartial;
import io.curvature.workers.GramSample;
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
   * the rows {@code gram} draws when it is not null.
   */
  LossPartial valueGradient(RowLoss loss, boolean intercept, double[] w, long key, boolean diagonal, GramSample gram);

  /** The Hessian sum times v. */
  double[] hessianVector(RowLoss loss, boolean intercept, double[] w, long key, double[] v);

  /**
   * The Hessian sum over every {@code stride}-th row of each block (from {@code offset}) times v, with the weight of
   * those rows appended (length w.length + 1): a sub-sampled Hessian product at about 1/stride of a pass's work.
   */
  double[] hessianVectorSampled(RowLoss loss, boolean intercept, double[] w, long key, double[] v, int stride,
      int offset);

  /** The diagonal of the Hessian sum. */
  double[] hessianDiagonal(RowLoss loss, boolean intercept, double[] w, long key);

  /** The Hessian sum over the rows {@code sample} draws (lower triangle, dim x dim row-major). */
  GramPartial gram(RowLoss loss, boolean intercept, double[] w, long key, GramSample sample);

  /**
   * One pass of any model's kernel: sums {@code kernel} over every block at {@code point} (evaluation {@code key},
   * whose state the kernel may cache on the blocks) and {@code vector} (null for none) into a partial of
   * {@code length} doubles, partials combined in a fixed order (block order; partition order on Spark, each
   * partition's blocks summed in order into one partial), so equal inputs give equal bits, and an in-process backend
   * gives the bits of a Spark one whose partitions hold one block each.
   *
   * <p>{@code outputs} describes the partial's layout so a backend may ship only its nonzero part: its first
   * numFeatures x outputs entries are feature-major, {@code outputs} a column, zero for columns the block does not
   * store, and the rest a tail any row may touch (intercepts, the loss); 0 for a partial without that structure.
   *
   * @param pass what the pass computes, for its job description ("factorization machine Hessian-vector product")
   */
  double[] sum(String pass, long key, double[] point, double[] vector, int length, int outputs, BlockPass kernel);

  /** Per-feature weighted sums of x and x^2 (one pass). */
  FeatureMoments featureMoments();

  /** Names the passes that follow (a Spark backend sets it as the job description). */
  default void describe(String context) {}

  /**
   * The rates, in flop/s on one core, of the rank-k update an explicit Hessian is built with and of a sample Gram's
   * (tron's preconditioner), measured where the blocks are summed: here in this JVM; a Spark backend on its
   * executors, whose BLAS may not be the driver's.
   */
  default double[] gramFlopsPerCore(int dimension) {
    return io.curvature.workers.Blas.gramRatesPerCore(dimension);
  }
}
