package io.curvature.workers;

import java.util.BitSet;
import java.util.List;

/**
 * The columns a partition's rows store values in, and d-vectors cut down to them. A partial sum over a partition is
 * zero outside its support, so shipping only the values on the support (the driver knows the support, sent once)
 * shrinks what every pass moves when the data is sparse and wide.
 *
 * <p>A compact vector holds the values at {@code support[0..]} (K of them per column for a K-output model) followed
 * by the {@code tail} last entries of the full vector (the intercepts, which every row touches).
 */
public final class Supports {
  /** Past this fraction of the dimension a compact vector saves too little to pay for itself. */
  public static final double MAX_FRACTION = 0.5;

  private Supports() {}

  /**
   * The sorted columns any of {@code blocks} stores a value in, or null when that is most of the {@code numFeatures}
   * columns (dense data, or sparse data that covers them anyway).
   */
  public static int[] of(List<? extends Block> blocks, int numFeatures) {
    BitSet columns = new BitSet(numFeatures);
    for (Block b : blocks) {
      if (!mark(b, columns)) {
        return null;
      }
    }
    return of(columns, numFeatures);
  }

  /**
   * Sets in {@code columns} the columns {@code block} stores a value in; false, setting nothing, when it is not a CSR
   * block (a dense block stores every column: its partials stay dense).
   */
  public static boolean mark(Block block, BitSet columns) {
    if (!(block instanceof CsrBlock csr)) {
      return false;
    }
    csr.markColumns(columns);
    return true;
  }

  /** The sorted columns set in {@code columns}, or null when they are most of the {@code numFeatures}. */
  public static int[] of(BitSet columns, int numFeatures) {
    if (columns.cardinality() > MAX_FRACTION * numFeatures) {
      return null;
    }
    return columns.stream().toArray();
  }

  /**
   * The values of {@code full} on {@code support} (the K entries j K .. j K + K - 1 of each column j, K =
   * {@code outputs}), then its last {@code tail} entries.
   */
  public static double[] gather(double[] full, int[] support, int outputs, int tail) {
    double[] compact = new double[support.length * outputs + tail];
    if (outputs == 1) {
      for (int k = 0; k < support.length; k++) {
        compact[k] = full[support[k]];
      }
    } else {
      for (int k = 0; k < support.length; k++) {
        System.arraycopy(full, support[k] * outputs, compact, k * outputs, outputs);
      }
    }
    System.arraycopy(full, full.length - tail, compact, support.length * outputs, tail);
    return compact;
  }

  /** Adds a compact vector (as {@link #gather} makes them) into the full vector {@code total}. */
  public static void scatterAdd(double[] compact, int[] support, int outputs, double[] total) {
    int body = support.length * outputs;
    int tail = compact.length - body;
    if (outputs == 1) {                                // a margin loss: one loop, not one of length 1 per column
      for (int k = 0; k < support.length; k++) {
        total[support[k]] += compact[k];
      }
    } else {
      for (int k = 0; k < support.length; k++) {
        int base = support[k] * outputs;
        for (int o = 0; o < outputs; o++) {
          total[base + o] += compact[k * outputs + o];
        }
      }
    }
    for (int t = 0; t < tail; t++) {
      total[total.length - tail + t] += compact[body + t];
    }
  }
}
