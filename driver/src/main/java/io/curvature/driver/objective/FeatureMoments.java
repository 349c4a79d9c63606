package io.curvature.driver.objective;

import io.curvature.workers.Block;
import java.io.Serializable;

/**
 * Per-feature weighted sums over the training rows, for the features' means and standard deviations
 * (standardization): sum_i s_i x_ij, sum_i s_i x_ij^2, and the sums of the weights and of their squares. One pass;
 * mergeable like a kernel partial.
 */
public record FeatureMoments(double[] sum, double[] sumSquares, double weightSum, double weightSquareSum)
    implements Serializable {
  public static FeatureMoments zero(int numFeatures) {
    return new FeatureMoments(new double[numFeatures], new double[numFeatures], 0, 0);
  }

  /** Adds one block's rows. */
  public FeatureMoments add(Block b) {
    b.addFeatureMoments(sum, sumSquares);
    double squares = 0;
    for (int i = 0; i < b.rows(); i++) {
      squares += b.weight(i) * b.weight(i);
    }
    return new FeatureMoments(sum, sumSquares, weightSum + b.weightSum(), weightSquareSum + squares);
  }

  public FeatureMoments merge(FeatureMoments other) {
    for (int j = 0; j < sum.length; j++) {
      sum[j] += other.sum[j];
      sumSquares[j] += other.sumSquares[j];
    }
    return new FeatureMoments(sum, sumSquares, weightSum + other.weightSum, weightSquareSum + other.weightSquareSum);
  }

  /** The weighted mean of feature j. */
  public double mean(int j) {
    return sum[j] / weightSum;
  }

  /**
   * The standard deviation of each feature as MLlib's summarizer computes it: the unbiased weighted variance
   * sum s (x - mean)^2 / (W - sum s^2 / W) (reliability weights; n - 1 in the denominator without weights), 0 for
   * a constant feature and for a single row.
   */
  public double[] standardDeviations() {
    double[] std = new double[sum.length];
    double denominator = weightSum - weightSquareSum / weightSum;
    for (int j = 0; j < std.length; j++) {
      double m2 = sumSquares[j] - sum[j] * sum[j] / weightSum;
      std[j] = denominator > 0 && m2 > 0 ? Math.sqrt(m2 / denominator) : 0.0;
    }
    return std;
  }
}
