package io.curvature.workers;

import java.util.Arrays;

/**
 * Accumulates the lower triangle of a Gram matrix alpha sum_r a_r a_r^T (row-major, dim x dim) from rows written into a
 * dense chunk, flushed with one BLAS dsyrk per chunk: a rank-k update runs at matrix-multiply speed where a loop of
 * rank-1 updates would be bound by memory.
 *
 * <p>Layout: the chunk holds {@link #CHUNK_ROWS} rows of length dim, row-major, which BLAS (column-major) reads as the
 * dim x rows matrix A^T; dsyrk("U", "N") adds A^T A into the column-major upper triangle, which is the row-major lower
 * triangle of the output.
 */
final class GramAccumulator {
  /** Rows per dsyrk call: large enough for BLAS-3 efficiency, small enough to stay in cache for moderate dim. */
  static final int CHUNK_ROWS = 256;

  private final int dim;
  private final double[] out;
  private final double alpha;
  private final double[] chunk;
  private int rows;

  /**
   * @param alpha +1 to add sum_r a_r a_r^T, -1 to subtract it (the rows of negative curvature of a non-convex loss:
   *              dsyrk needs the rank-k factor real, so the sign travels in alpha)
   */
  GramAccumulator(int dim, double[] out, double alpha) {
    this.dim = dim;
    this.out = out;
    this.alpha = alpha;
    this.chunk = new double[CHUNK_ROWS * dim];
  }

  /** The chunk to write the next row into, at {@link #rowOffset()}; flushes first when full. */
  double[] nextRow() {
    if (rows == CHUNK_ROWS) {
      flush();
    }
    rows++;
    return chunk;
  }

  /** Offset of the row handed out by the last {@link #nextRow()}. */
  int rowOffset() {
    return (rows - 1) * dim;
  }

  void flush() {
    if (rows == 0) {
      return;
    }
    Blas.get().dsyrk("U", "N", dim, rows, alpha, chunk, dim, 1.0, out, dim);
    Arrays.fill(chunk, 0, rows * dim, 0.0);
    rows = 0;
  }
}
