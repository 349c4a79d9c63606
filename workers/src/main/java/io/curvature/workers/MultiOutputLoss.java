package io.curvature.workers;

/**
 * A loss of K margins per row, m_k = w_k.x (+ b_k). Its Hessian in the margins, A (K x K, symmetric positive
 * semidefinite), is held per row as a small state ({@link #stateSize()} doubles, not K x K), from which the kernels
 * take products, the diagonal and a factor; the Hessian of the whole objective, sum_i s_i A_i (x) x_i x_i^T, is never
 * formed.
 *
 * <p>Coefficient layout: feature-major, {@code w[j K + k]} is the weight of feature j for output k, and the K
 * intercepts (when fitted) follow the d K feature weights. A row's values then meet K adjacent weights.
 */
public interface MultiOutputLoss extends RowLoss {
  /**
   * The loss at {@code margins}; writes its gradient in the margins into {@code derivative} (length K) and the
   * curvature state into {@code state[offset ..]}.
   */
  double evaluate(double[] margins, double label, double[] derivative, double[] state, int offset);

  /** Only the curvature state at {@code margins} (for rebuilding evicted state). */
  void state(double[] margins, double label, double[] state, int offset);

  /** out = A u, for the row whose state is at {@code offset}. */
  void hessianProduct(double[] state, int offset, double[] u, double[] out);

  /** out = diag(A). */
  void hessianDiagonal(double[] state, int offset, double[] out);

  /** trace(A), the size of the row's Hessian term (rows are sampled by it). */
  double hessianTrace(double[] state, int offset);

  /**
   * Writes K vectors b_r (row-major K x K into {@code factor}) with A = sum_r b_r b_r^T, so that the row's Hessian
   * term is a sum of K outer products of (b_r (x) x): what a Gram kernel accumulates with BLAS dsyrk.
   */
  void hessianFactor(double[] state, int offset, double[] factor);
}
