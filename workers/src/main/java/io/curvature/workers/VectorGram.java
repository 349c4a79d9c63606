package io.curvature.workers;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The rank-k Gram update of {@link GramAccumulator} on the JVM, written for the Vector API: lower triangle (row-major)
 * of out += alpha A^T A, A the chunk's rows (rows x dim, row-major). Loaded only when the jdk.incubator.vector module
 * is present ({@link GramAccumulator#VECTOR_KERNEL}).
 *
 * <p>The shape is the one of every fast GEMM: the chunk is packed into strips of L columns (L the lanes of the
 * machine's preferred vector, 8 doubles with AVX-512, 4 with AVX2), each strip rows x L contiguous; a register tile of
 * IB output rows by two vectors of columns sums over the chunk's rows in 2 IB vector accumulators (IB = 8 with 8
 * lanes: 16 of AVX-512's 32 registers; IB = 4 otherwise), reading two vectors and IB scalars per row for 2 IB fused
 * multiply-adds. Output rows go in groups of {@link #GROUP_COLUMNS} so a group's strips stay in the L2 cache while
 * every column strip up to the diagonal passes once. Tiles that cross the diagonal are computed whole and only their
 * lower part is added, so the strict upper triangle stays untouched, as with dsyrk.
 *
 * <p>Measured at dim 784, a rank-256 update, one core of this machine (AVX-512): 1.9 ms warm, against 26 ms for the
 * plain loops it replaces and 6-7 ms for netlib's Vector API dgemm panels. Like all Vector API code it is slow until C2
 * has compiled it; the kernel is one small method, and a JVM's first update is preceded by cheap calls that get it
 * compiled ({@code WarmUp}).
 */
final class VectorGram {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Doubles a vector holds here, the width of a packed strip. */
  static final int LANES = SPECIES.length();
  /** Output rows of a register tile: eight with eight lanes (16 accumulators), else four (8). */
  private static final int IB = LANES >= 8 ? 8 : 4;
  /** Output rows whose strips stay in cache while the column strips pass (128 x 256 rows x 8 B = 256 KB). */
  private static final int GROUP_COLUMNS = 128;

  private VectorGram() {
  }

  /** Whether the kernel applies on this machine: vectors of at least four doubles (AVX2 and wider). */
  static boolean usable() {
    return LANES >= 4 && GROUP_COLUMNS % LANES == 0;
  }

  /** Doubles of the packed scratch for a chunk of {@code rows} x {@code dim}: whole strips, one spare of zeros. */
  static int packedLength(int dim, int rows) {
    return (strips(dim) + 1) * rows * LANES;
  }

  private static int strips(int dim) {
    return (dim + LANES - 1) / LANES;
  }

  /**
   * out (row-major lower triangle, dim x dim) += alpha sum_r a_r a_r^T over the chunk's first {@code rows} rows.
   *
   * @param packed scratch of at least {@link #packedLength} doubles
   */
  static void update(int dim, int rows, double alpha, double[] chunk, double[] out, double[] packed) {
    update(dim, rows, alpha, chunk, out, 0, dim, packed);
  }

  /**
   * As above into a dim x dim block of a larger row-major matrix: entry (i, j) of the block at
   * {@code out[outOffset + i * ld + j]} (a Cholesky's trailing submatrix).
   */
  static void update(int dim, int rows, double alpha, double[] chunk, double[] out, int outOffset, int ld,
      double[] packed) {
    WarmUp.done();
    double[] tile = new double[2 * IB * LANES];
    int strips = strips(dim);
    pack(dim, rows, chunk, packed, strips);
    int stripLength = rows * LANES;
    for (int g0 = 0; g0 < dim; g0 += GROUP_COLUMNS) {
      int g1 = Math.min(dim, g0 + GROUP_COLUMNS);
      int lastStrip = (g1 - 1) / LANES;             // column strips that reach the group's last row
      for (int js = 0; js <= lastStrip; js += 2) {  // js + 1 may be the spare strip of zeros
        int j0 = js * LANES;
        for (int i0 = Math.max(g0, j0 / IB * IB); i0 < g1; i0 += IB) {
          int iStart = (i0 / LANES) * stripLength + i0 % LANES;
          kernel(packed, js * stripLength, (js + 1) * stripLength, iStart, rows, tile);
          addLower(alpha, tile, out, outOffset, ld, i0, Math.min(IB, dim - i0), j0);
        }
      }
    }
  }

  /**
   * The kernel's first calls in a JVM, on one row. Vector API code runs 100 times slower interpreted and in C1 than
   * compiled by C2, and the JIT counts calls: the first update's calls of 256 rows each would do that slow work
   * (at dim 784, one JVM: the first update 0.41 s, the next 3 ms), where calls of one row do next to none (the
   * warm-up and the first update 0.2 s together). Class initialization runs it once, other threads waiting for it.
   * The calls only queue the kernel for C2, and a long queue (a cold job's) raises the counts C2 waits for:
   * conf/java-options lowers the kernel's thresholds tenfold and has the calling thread wait for its compilation
   * ({@code CompileThresholdScaling}, {@code BackgroundCompilation}), else the first updates run C1's code, which
   * calls the Vector API's Java fallbacks, until C2 gets to it. (A hundredfold gave C2 too thin a profile: it sometimes
   * compiled the kernel without intrinsifying its FMA, which then ran the fallback for the whole job.)
   */
  private static final class WarmUp {
    static final int CALLS = 2000;

    static {
      double[] p = new double[2 * LANES];
      double[] tile = new double[2 * IB * LANES];
      for (int call = 0; call < CALLS; call++) {
        kernel(p, 0, LANES, 0, 1, tile);
      }
    }

    static void done() {
    }
  }

  /** Strip s holds columns [s L, s L + L) of every row, row after row; columns past dim and the spare strip are 0. */
  private static void pack(int dim, int rows, double[] chunk, double[] packed, int strips) {
    for (int s = 0; s < strips; s++) {
      int c0 = s * LANES;
      int width = Math.min(LANES, dim - c0);
      int to = s * rows * LANES;
      for (int r = 0; r < rows; r++, to += LANES) {
        System.arraycopy(chunk, r * dim + c0, packed, to, width);
        for (int k = width; k < LANES; k++) {
          packed[to + k] = 0.0;
        }
      }
    }
    java.util.Arrays.fill(packed, strips * rows * LANES, (strips + 1) * rows * LANES, 0.0);
  }

  /**
   * tile[q][0, 2L) = sum_r a_r[i0 + q] a_r[j0, j0 + 2L) for q < IB: the IB output rows' values are read from their
   * strip (IB divides L, so they share one), the columns from two adjacent strips.
   */
  private static void kernel(double[] p, int strip0, int strip1, int iStart, int rows, double[] tile) {
    if (IB == 8) {
      kernel8(p, strip0, strip1, iStart, rows, tile);
    } else {
      kernel4(p, strip0, strip1, iStart, rows, tile);
    }
  }

  private static void kernel8(double[] p, int strip0, int strip1, int iStart, int rows, double[] tile) {
    DoubleVector c00 = DoubleVector.zero(SPECIES);
    DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    DoubleVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
    for (int r = 0, o = 0; r < rows; r++, o += LANES) {
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, p, strip0 + o);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, p, strip1 + o);
      int io = iStart + o;
      DoubleVector x = DoubleVector.broadcast(SPECIES, p[io]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(SPECIES, p[io + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(SPECIES, p[io + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(SPECIES, p[io + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(SPECIES, p[io + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(SPECIES, p[io + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = DoubleVector.broadcast(SPECIES, p[io + 6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = DoubleVector.broadcast(SPECIES, p[io + 7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
    }
    int w = 2 * LANES;
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, w);
    c11.intoArray(tile, w + LANES);
    c20.intoArray(tile, 2 * w);
    c21.intoArray(tile, 2 * w + LANES);
    c30.intoArray(tile, 3 * w);
    c31.intoArray(tile, 3 * w + LANES);
    c40.intoArray(tile, 4 * w);
    c41.intoArray(tile, 4 * w + LANES);
    c50.intoArray(tile, 5 * w);
    c51.intoArray(tile, 5 * w + LANES);
    c60.intoArray(tile, 6 * w);
    c61.intoArray(tile, 6 * w + LANES);
    c70.intoArray(tile, 7 * w);
    c71.intoArray(tile, 7 * w + LANES);
  }

  private static void kernel4(double[] p, int strip0, int strip1, int iStart, int rows, double[] tile) {
    DoubleVector c00 = DoubleVector.zero(SPECIES);
    DoubleVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    for (int r = 0, o = 0; r < rows; r++, o += LANES) {
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, p, strip0 + o);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, p, strip1 + o);
      int io = iStart + o;
      DoubleVector x = DoubleVector.broadcast(SPECIES, p[io]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(SPECIES, p[io + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(SPECIES, p[io + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(SPECIES, p[io + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    int w = 2 * LANES;
    c00.intoArray(tile, 0);
    c01.intoArray(tile, LANES);
    c10.intoArray(tile, w);
    c11.intoArray(tile, w + LANES);
    c20.intoArray(tile, 2 * w);
    c21.intoArray(tile, 2 * w + LANES);
    c30.intoArray(tile, 3 * w);
    c31.intoArray(tile, 3 * w + LANES);
  }

  /** out[i0 + q][j0 + k] += alpha tile[q][k] for the tile's first {@code n} rows, columns up to the diagonal. */
  private static void addLower(double alpha, double[] tile, double[] out, int outOffset, int ld, int i0, int n,
      int j0) {
    int w = 2 * LANES;
    for (int q = 0; q < n; q++) {
      int i = i0 + q;
      int to = Math.min(w, i - j0 + 1);
      int row = outOffset + i * ld + j0;
      int from = q * w;
      for (int k = 0; k < to; k++) {
        out[row + k] += alpha * tile[from + k];
      }
    }
  }
}
