package io.curvature.workers;

/**
 * The entry points an executor task calls on one cached block. They tie the block's kernels to the curvature
 * cache: the gradient pass at evaluation {@code key} leaves its curvature weights on the block, and the Hessian
 * passes at the same key reuse them, so every pass reads the data once.
 *
 * <p>When the weights for a key are gone (the block was recomputed after an executor loss, or two newer points were
 * evaluated since), they are rebuilt from the margins at {@code w} within the same pass: the answer is always the
 * Hessian at {@code w}, never one at a stale point.
 */
public final class BlockKernels {
  private BlockKernels() {}

  /**
   * Value+gradient pass at {@code w}; accumulates into {@code into} (with the diagonal and Gram matrix it asks for)
   * and caches curvature under {@code key}.
   */
  public static void valueGradient(Block block, double[] w, boolean intercept, long key, LossPartial into) {
    CurvatureCache cache = block.curvatureCache();
    synchronized (cache) {
      double[] curvature = cache.claim(block.rows());
      double loss = block.valueGradient(w, intercept, into.gradient(), curvature, into.diagonal());
      cache.publish(key);
      into.addBlockTotals(loss, block.weightSum(), block.rows());
      if (into.gram() != null) {
        into.gram().add(block, curvature, intercept, into.gramStride());
      }
    }
  }

  /** Adds (X^T D X) v of this block to {@code out}, D taken at evaluation {@code key} (point {@code w}). */
  public static void hessianVector(Block block, double[] w, boolean intercept, long key, double[] v, double[] out) {
    block.hessianVector(curvature(block, w, intercept, key), v, intercept, out);
  }

  /** Adds the diagonal of X^T D X of this block to {@code out}. */
  public static void hessianDiagonal(Block block, double[] w, boolean intercept, long key, double[] out) {
    block.hessianDiagonal(curvature(block, w, intercept, key), intercept, out);
  }

  /** Adds sum c_i x_i x_i^T over every {@code stride}-th row of this block to {@code into}. */
  public static void gram(Block block, double[] w, boolean intercept, long key, int stride, GramPartial into) {
    into.add(block, curvature(block, w, intercept, key), intercept, stride);
  }

  /** Which BLAS implementation the Gram kernels run on: JNIBLAS (native), VectorBLAS (JDK Vector API) or Java. */
  public static String blasImplementation() {
    return GramAccumulator.implementation();
  }

  /** Curvature weights s_i l''(m_i) at {@code w}: from the cache when present, else recomputed and cached. */
  static double[] curvature(Block block, double[] w, boolean intercept, long key) {
    CurvatureCache cache = block.curvatureCache();
    synchronized (cache) {
      double[] cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
      double[] curvature = cache.claim(block.rows());
      block.margins(w, intercept, curvature);
      for (int i = 0; i < curvature.length; i++) {
        curvature[i] = block.weight(i) * LogisticLoss.curvature(curvature[i], block.label(i));
      }
      cache.publish(key);
      return curvature;
    }
  }
}
