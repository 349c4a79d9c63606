package io.curvature.workers;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * Accumulates the lower triangle of a Gram matrix alpha sum_r a_r a_r^T (row-major, dim x dim) from rows written into a
 * dense chunk, flushed with one rank-k update per chunk: a rank-k update runs at matrix-multiply speed where a loop of
 * rank-1 updates would be bound by memory.
 *
 * <p>Layout: the chunk holds {@link #CHUNK_ROWS} rows of length dim, row-major, which BLAS (column-major) reads as the
 * dim x rows matrix A^T; the update adds A^T A into the column-major upper triangle, which is the row-major lower
 * triangle of the output.
 *
 * <p>With a native BLAS the update is one dsyrk. On the JVM it is a column panel of dgemm calls instead: netlib's
 * VectorBLAS vectorizes dgemm but runs dsyrk as the scalar F2J translation, 5x slower on a 784-dimension Gram
 * (measured: 33 ms against 7 ms for a rank-256 update). The panels cover the triangle and the diagonal blocks are
 * formed in a scratch block whose upper half alone is added, so the strict upper triangle stays untouched, as with
 * dsyrk, and the two give the same sums up to rounding.
 *
 * <p>On the JVM with the Vector API module (every Curvature JVM has it: conf/java-options), both kinds run
 * {@link VectorGram}, a packed register-tiled kernel: at dim 784 a rank-256 update in 1.9 ms warm, against 6-7 ms for
 * the dgemm panels and 15-26 ms for the plain loops. Without the module, the panels, or for a sample Gram the loops: a
 * sample Gram (a preconditioner's, from a few thousand rows) flushes a few dozen chunks a pass, too few for the JIT to
 * compile netlib's Vector API dgemm, whose many small methods run interpreted until then (at dim 784, one JVM: the
 * first rank-256 update 200-300 ms, the next 25-29 ms each, 9 ms only after about 180); the loops compile within the
 * first update.
 */
final class GramAccumulator {
  /** Rows per rank-k update: large enough for BLAS-3 efficiency, small enough to stay in cache for moderate dim. */
  static final int CHUNK_ROWS = 256;
  /** Columns per dgemm panel on the JVM (64 to 256 ran alike; the diagonal blocks' waste grows with it). */
  static final int PANEL = 128;
  /**
   * Whether the JVM updates run {@link VectorGram}: the jdk.incubator.vector module present, vectors of four doubles
   * or more, and not turned off with {@code -Dcurvature.vectorGram=false} (to measure the kernels it replaces).
   * VectorGram, whose class links against the module, is loaded only once the module is known to be there.
   */
  static final boolean VECTOR_KERNEL = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && Boolean.parseBoolean(System.getProperty("curvature.vectorGram", "true")) && VectorGram.usable();

  private final int dim;
  private final double[] out;
  private final double alpha;
  private final boolean fewUpdates;
  private final double[] chunk;
  private double[] scratch;
  private int rows;

  /**
   * @param alpha +1 to add sum_r a_r a_r^T, -1 to subtract it (the rows of negative curvature of a non-convex loss:
   *              dsyrk needs the rank-k factor real, so the sign travels in alpha)
   * @param fewUpdates a sample Gram: on the JVM, plain loops rather than dgemm panels (see above)
   */
  GramAccumulator(int dim, double[] out, double alpha, boolean fewUpdates) {
    this.dim = dim;
    this.out = out;
    this.alpha = alpha;
    this.fewUpdates = fewUpdates;
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
    if (scratch == null) {
      scratch = new double[scratchLength(dim)];        // about the chunk's size, or 128 KB for the panels
    }
    update(fewUpdates, dim, rows, alpha, chunk, out, scratch);
    Arrays.fill(chunk, 0, rows * dim, 0.0);
    rows = 0;
  }

  /** Whether this JVM's Gram updates run {@link VectorGram}: no native BLAS, the Vector API kernel usable. */
  static boolean vectorKernelRuns() {
    return !Blas.isNative() && VECTOR_KERNEL;
  }

  /** Doubles of the scratch {@link #update} needs for a chunk of {@link #CHUNK_ROWS} rows. */
  static int scratchLength(int dim) {
    if (Blas.isNative()) {
      return 0;
    }
    return VECTOR_KERNEL ? VectorGram.packedLength(dim, CHUNK_ROWS) : PANEL * PANEL;
  }

  /**
   * The rank-k update a Gram of this kind runs here: dsyrk with a native BLAS; on the JVM the Vector API kernel where
   * it runs, else the plain loops for a sample Gram ({@code fewUpdates}) and the dgemm panels otherwise. The flush and
   * the rate auto measures both go through it.
   */
  static void update(boolean fewUpdates, int dim, int rows, double alpha, double[] chunk, double[] out,
      double[] scratch) {
    if (vectorKernelRuns()) {
      VectorGram.update(dim, rows, alpha, chunk, out, scratch);
    } else if (fewUpdates && !Blas.isNative()) {
      rowLoops(dim, rows, alpha, chunk, out);
    } else {
      rankUpdate(dim, rows, alpha, chunk, out, scratch);
    }
  }

  /** Output rows per block of {@link #rowLoops}: 32 rows of the triangle stay in cache while every chunk row passes. */
  private static final int LOOP_BLOCK = 32;

  /**
   * The update of {@link #rankUpdate} as plain loops: each block of output rows takes the chunk's rows eight at a
   * time (one load and store of out per eight products, summed pairwise), then any left one by one. The JIT does not
   * vectorize this loop (it ran no slower with -XX:-UseSuperWord); the gain is the eightfold fewer trips through out.
   */
  static void rowLoops(int dim, int rows, double alpha, double[] a, double[] c) {
    for (int from = 0; from < dim; from += LOOP_BLOCK) {
      int to = Math.min(dim, from + LOOP_BLOCK);
      int r = 0;
      for (; r + 8 <= rows; r += 8) {
        int o0 = r * dim;
        int o1 = o0 + dim;
        int o2 = o1 + dim;
        int o3 = o2 + dim;
        int o4 = o3 + dim;
        int o5 = o4 + dim;
        int o6 = o5 + dim;
        int o7 = o6 + dim;
        for (int i = from; i < to; i++) {
          double x0 = alpha * a[o0 + i];
          double x1 = alpha * a[o1 + i];
          double x2 = alpha * a[o2 + i];
          double x3 = alpha * a[o3 + i];
          double x4 = alpha * a[o4 + i];
          double x5 = alpha * a[o5 + i];
          double x6 = alpha * a[o6 + i];
          double x7 = alpha * a[o7 + i];
          int ci = i * dim;
          for (int j = 0; j <= i; j++) {
            c[ci + j] += ((x0 * a[o0 + j] + x1 * a[o1 + j]) + (x2 * a[o2 + j] + x3 * a[o3 + j]))
                + ((x4 * a[o4 + j] + x5 * a[o5 + j]) + (x6 * a[o6 + j] + x7 * a[o7 + j]));
          }
        }
      }
      for (; r < rows; r++) {
        int o = r * dim;
        for (int i = from; i < to; i++) {
          double x = alpha * a[o + i];
          int ci = i * dim;
          for (int j = 0; j <= i; j++) {
            c[ci + j] += x * a[o + j];
          }
        }
      }
    }
  }

  /**
   * out's column-major upper triangle (row-major lower) += alpha A A^T, A the dim x rows column-major matrix in
   * {@code chunk}: one dsyrk with a native BLAS; on the JVM, dgemm panels (column block [j, j + nb) gets rows [0, j)
   * whole and the upper half of its diagonal block, formed in {@code scratch}, PANEL x PANEL).
   */
  static void rankUpdate(int dim, int rows, double alpha, double[] chunk, double[] out, double[] scratch) {
    rankUpdate(Blas.get(), !Blas.isNative(), dim, rows, alpha, chunk, out, scratch);
  }

  /** As above with the BLAS and the method given (tests compare the two). */
  static void rankUpdate(BLAS blas, boolean panels, int dim, int rows, double alpha, double[] chunk, double[] out,
      double[] scratch) {
    if (!panels) {
      blas.dsyrk("U", "N", dim, rows, alpha, chunk, dim, 1.0, out, dim);
      return;
    }
    for (int j = 0; j < dim; j += PANEL) {
      int nb = Math.min(PANEL, dim - j);
      if (j > 0) {
        blas.dgemm("N", "T", j, nb, rows, alpha, chunk, 0, dim, chunk, j, dim, 1.0, out, j * dim, dim);
      }
      blas.dgemm("N", "T", nb, nb, rows, alpha, chunk, j, dim, chunk, j, dim, 0.0, scratch, 0, nb);
      for (int c = 0; c < nb; c++) {
        int to = (j + c) * dim + j;
        int from = c * nb;
        for (int r = 0; r <= c; r++) {
          out[to + r] += scratch[from + r];
        }
      }
    }
  }
}
