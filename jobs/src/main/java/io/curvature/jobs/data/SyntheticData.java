package io.curvature.jobs.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic binary classification data from a planted sparse model. Row i depends only on (seed, i),
 * so any partitioning of the rows writes the same bytes.
 *
 * <p>Features are drawn with a power-law popularity (low indices frequent, as words or categorical crosses are), values
 * in [0.5, 1.5); a fraction {@code informative} of the features carry weight in the planted model w*, and the label
 * is drawn from P(y = +1 | x) = sigma(w*.x), so the Bayes error is not zero and the data is not separable.
 */
public final class SyntheticData implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long rows;
  private final int features;
  private final int nnzPerRow;
  private final double informative;
  private final long seed;

  public SyntheticData(long rows, int features, int nnzPerRow, double informative, long seed) {
    if (rows < 1 || features < 1 || nnzPerRow < 1 || nnzPerRow > features) {
      throw new IllegalArgumentException("need rows >= 1, features >= 1 and 1 <= nnz per row <= features; got rows "
          + rows + ", features " + features + ", nnz per row " + nnzPerRow);
    }
    if (!(informative > 0 && informative <= 1)) {
      throw new IllegalArgumentException("informative fraction is " + informative + ", expected in (0, 1]");
    }
    this.rows = rows;
    this.features = features;
    this.nnzPerRow = nnzPerRow;
    this.informative = informative;
    this.seed = seed;
  }

  public long rows() {
    return rows;
  }

  /** The planted weight of 0-based feature j (0 for uninformative features). */
  public double plantedWeight(int j) {
    SplittableRandom rng = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, j));
    if (rng.nextDouble() >= informative) {
      return 0.0;
    }
    // Scaled so that the margin w*.x has a standard deviation of a few units: informative but not separable.
    return rng.nextGaussian() * 3.0 / Math.sqrt(nnzPerRow * informative);
  }

  /** Appends row i as a LIBSVM line (with its newline) to {@code out}. */
  public void appendRow(long i, StringBuilder out) {
    SplittableRandom rng = new SplittableRandom(mix(seed, i));
    int[] columns = new int[nnzPerRow];
    int k = 0;
    boolean uniform = nnzPerRow * 2 > features;       // dense rows: power-law picks would repeat too often
    while (k < nnzPerRow) {                          // distinct indices
      double u = rng.nextDouble();
      int j = uniform ? (int) (u * features) : (int) Math.min(features - 1, Math.floor(features * u * u * u));
      boolean seen = false;
      for (int a = 0; a < k; a++) {
        seen |= columns[a] == j;
      }
      if (!seen) {
        columns[k++] = j;
      }
    }
    Arrays.sort(columns);
    double[] values = new double[nnzPerRow];
    double margin = 0;
    for (int a = 0; a < nnzPerRow; a++) {
      values[a] = Math.round((0.5 + rng.nextDouble()) * 1e4) / 1e4;   // 4 decimals: compact, exactly re-readable
      margin += values[a] * plantedWeight(columns[a]);
    }
    boolean positive = rng.nextDouble() < 1.0 / (1.0 + Math.exp(-margin));
    out.append(positive ? "+1" : "-1");
    for (int a = 0; a < nnzPerRow; a++) {
      out.append(' ').append(columns[a] + 1).append(':').append(values[a]);
    }
    out.append('\n');
  }

  private static long mix(long seed, long i) {
    long z = seed + GOLDEN * (i + 1);              // SplitMix64 finalizer: neighbouring rows get unrelated streams
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
