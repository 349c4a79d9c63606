package io.curvature.workers;

/**
 * The entry points an executor task calls on one cached block. They tie the block's kernels to its curvature cache:
 * the gradient pass at evaluation {@code key} leaves its curvature state on the block, and the Hessian passes at the
 * same key reuse it, so every pass reads the data once.
 *
 * <p>When the state for a key is gone (the block was recomputed after an executor loss, or newer points were
 * evaluated since), it is rebuilt from the margins at {@code w} within the same pass: the answer is always the
 * Hessian at {@code w}, never one at a stale point. Concurrent passes over the same block (two fits at once) are safe:
 * state being read is pinned and never overwritten.
 */
public final class BlockKernels {
  private BlockKernels() {}

  /**
   * Value+gradient pass at {@code w}; accumulates into {@code into} (with the diagonal and Gram matrix it asks for)
   * and caches curvature under {@code key}.
   */
  public static void valueGradient(Block block, RowLoss loss, double[] w, boolean intercept, long key,
      LossPartial into) {
    CurvatureCache cache = block.curvatureCache();
    CurvatureCache.Lease lease = cache.claim(key, block.curvatureLength(loss));
    try {
      double value = block.valueGradient(loss, w, intercept, into.gradient(), lease.buffer(), into.diagonal());
      cache.publish(lease, key);
      into.addBlockTotals(value, block.weightSum(), block.rows());
      if (into.gram() != null) {
        into.gram().add(block, loss, lease.buffer(), intercept, into.gramSample());
      }
    } finally {
      cache.release(lease);
    }
  }

  /** Adds H v of this block to {@code out}, H taken at evaluation {@code key} (point {@code w}). */
  public static void hessianVector(Block block, RowLoss loss, double[] w, boolean intercept, long key, double[] v,
      double[] out) {
    withCurvature(block, loss, w, intercept, key, c -> block.hessianVector(loss, c, v, intercept, out));
  }

  /**
   * Adds the Hessian sum over every {@code stride}-th row (from {@code offset}) times v to {@code out}; returns the
   * weight of those rows.
   */
  public static double hessianVector(Block block, RowLoss loss, double[] w, boolean intercept, long key, double[] v,
      double[] out, int stride, int offset) {
    double[] weight = new double[1];
    withCurvature(block, loss, w, intercept, key,
        c -> weight[0] = block.hessianVector(loss, c, v, intercept, out, stride, offset));
    return weight[0];
  }

  /** Adds the diagonal of H of this block to {@code out}. */
  public static void hessianDiagonal(Block block, RowLoss loss, double[] w, boolean intercept, long key,
      double[] out) {
    withCurvature(block, loss, w, intercept, key, c -> block.hessianDiagonal(loss, c, intercept, out));
  }

  /** Adds the Hessian sum over every {@code stride}-th row (drawn by curvature) of this block to {@code into}. */
  public static void gram(Block block, RowLoss loss, double[] w, boolean intercept, long key, int stride,
      GramPartial into) {
    gram(block, loss, w, intercept, key, GramSample.every(stride), into);
  }

  /** Adds the Hessian sum over the rows {@code sample} draws from this block to {@code into}. */
  public static void gram(Block block, RowLoss loss, double[] w, boolean intercept, long key, GramSample sample,
      GramPartial into) {
    withCurvature(block, loss, w, intercept, key, c -> into.add(block, loss, c, intercept, sample));
  }

  /** Which BLAS implementation the Gram kernels run on: JNIBLAS (native), VectorBLAS (JDK Vector API) or Java. */
  public static String blasImplementation() {
    return Blas.name();
  }

  /** The native BLAS library found (path and kind), used or not, or null: reports print it beside the name. */
  public static String blasLibrary() {
    return Blas.library();
  }

  private interface CurvatureUse {
    void accept(double[] curvature);
  }

  /** Runs {@code use} on the curvature state at {@code w}: the cached one when present, else rebuilt and cached. */
  private static void withCurvature(Block block, RowLoss loss, double[] w, boolean intercept, long key,
      CurvatureUse use) {
    CurvatureCache cache = block.curvatureCache();
    CurvatureCache.Lease lease = cache.acquire(key);
    if (lease == null) {
      lease = cache.claim(key, block.curvatureLength(loss));
      block.curvature(loss, w, intercept, lease.buffer());
      cache.publish(lease, key);
    }
    try {
      use.accept(lease.buffer());
    } finally {
      cache.release(lease);
    }
  }
}
