package io.curvature.workers;

import java.io.Serializable;

/**
 * Which rows a Gram pass sums: every row ({@code stride} 1, the exact Hessian sum), or about one row in
 * {@code stride}, each drawn with probability proportional to the size of its Hessian term measured in the units
 * {@code featureWeights} gives the features: s_i |c_i| sum_j u_j x_ij^2 (u_j = 1 when null), and weighted by the
 * inverse of that probability (see {@link Block#gram(RowLoss, double[], boolean, GramSample, double[])}).
 *
 * <p>The units matter when the solver's problem is not the data's: under standardization the penalty measures feature
 * j in units of its standard deviation sigma_j, so the problem is the one of the data x_ij / sigma_j, and rows are
 * drawn as they would be from that data (u_j = 1 / sigma_j^2). Drawn in the data's own units instead, a rarely used
 * feature (small sigma_j) is in few sampled rows, while its small penalty no longer makes up for the curvature the
 * sample misses; the sample then lets it move far more than the loss allows.
 *
 * @param stride         1 for every row, k > 1 for about one in k
 * @param featureWeights u_j >= 0 per feature, or null for 1 each (not modified; shared, not copied)
 */
public record GramSample(int stride, double[] featureWeights) implements Serializable {
  public GramSample {
    if (stride < 1) {
      throw new IllegalArgumentException("Gram sample stride is " + stride + ", expected >= 1");
    }
    if (featureWeights != null) {
      for (int j = 0; j < featureWeights.length; j++) {
        if (!(featureWeights[j] >= 0) || Double.isInfinite(featureWeights[j])) {
          throw new IllegalArgumentException("sample weight of feature " + j + " is " + featureWeights[j]
              + ", expected finite and >= 0");
        }
      }
    }
  }

  /** Every row: the exact Hessian sum. */
  public static GramSample all() {
    return new GramSample(1, null);
  }

  /** About one row in {@code stride}, drawn by the size of its term in the data's own units. */
  public static GramSample every(int stride) {
    return new GramSample(stride, null);
  }

  /**
   * sum_j u_j x_ij^2 of every row of {@code block}, computed at each call: a pass's O(nnz), small beside the Gram's
   * rows/k d^2 (the sample takes at least 12 d rows).
   */
  double[] weightedSquaredNorms(Block block) {
    int d = block.numFeatures();
    if (featureWeights.length != d) {
      throw new IllegalArgumentException("sample weights for " + featureWeights.length + " features, the block has "
          + d);
    }
    double[] norms = new double[block.rows()];
    int[] columns = new int[d];
    double[] values = new double[d];
    for (int i = 0; i < norms.length; i++) {
      int stored = block.gatherRow(i, columns, values);
      double s = 0;
      for (int t = 0; t < stored; t++) {
        s += featureWeights[columns[t]] * values[t] * values[t];
      }
      norms[i] = s;
    }
    return norms;
  }

  /** Whether every row is summed. */
  public boolean exact() {
    return stride == 1;
  }
}
