package io.curvature.driver.objective;

import io.curvature.workers.Block;
import io.curvature.workers.LabelDomain;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The labels of the training data, gathered with the data's sizes: range, weighted sums (the label's mean and
 * variance for least squares), and the weight of each class index 0, 1, ... (multinomial; binary labels are stored
 * as -1 / +1, whose weights follow from the sums).
 *
 * @param weightSquareSum sum of the squared row weights (for unbiased weighted variances)
 * @param classWeights weight of the rows whose label is the integer k, for k in [0, length); rows with other labels
 *                     are not counted here
 */
public record LabelSummary(double min, double max, double weightedSum, double weightedSumSquares,
    double weightSquareSum, double[] classWeights) implements Serializable {
  public LabelSummary {
    classWeights = classWeights.clone();
  }

  @Override
  public double[] classWeights() {
    return classWeights.clone();
  }

  /** The labels of one block. */
  public static LabelSummary of(Block b) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double squares = 0;
    double weightSquares = 0;
    double[] classes = new double[0];
    for (int i = 0; i < b.rows(); i++) {
      double y = b.label(i);
      double s = b.weight(i);
      min = Math.min(min, y);
      max = Math.max(max, y);
      sum += s * y;
      squares += s * y * y;
      weightSquares += s * s;
      if (y >= 0 && y < LabelDomain.MAX_CLASSES && y == Math.rint(y)) {
        int k = (int) y;
        if (k >= classes.length) {
          classes = Arrays.copyOf(classes, k + 1);
        }
        classes[k] += s;
      }
    }
    return new LabelSummary(min, max, sum, squares, weightSquares, classes);
  }

  /** The labels of two disjoint parts of the data. */
  public static LabelSummary combine(LabelSummary a, LabelSummary b) {
    double[] classes = Arrays.copyOf(a.classWeights, Math.max(a.classWeights.length, b.classWeights.length));
    for (int k = 0; k < b.classWeights.length; k++) {
      classes[k] += b.classWeights[k];
    }
    return new LabelSummary(Math.min(a.min, b.min), Math.max(a.max, b.max), a.weightedSum + b.weightedSum,
        a.weightedSumSquares + b.weightedSumSquares, a.weightSquareSum + b.weightSquareSum, classes);
  }

  /** Weight of the positive class of binary labels stored as -1 / +1, given the total weight. */
  public double positiveWeight(double weightSum) {
    return 0.5 * (weightSum + weightedSum);
  }

  /** The weighted mean label. */
  public double mean(double weightSum) {
    return weightedSum / weightSum;
  }

  /**
   * The labels' standard deviation as MLlib's summarizer computes it: unbiased with reliability weights,
   * sum s (y - mean)^2 / (W - sum s^2 / W); 0 for constant labels or a single row.
   */
  public double standardDeviation(double weightSum) {
    double denominator = weightSum - weightSquareSum / weightSum;
    double m2 = weightedSumSquares - weightedSum * weightedSum / weightSum;
    return denominator > 0 && m2 > 0 ? Math.sqrt(m2 / denominator) : 0.0;
  }

  /** The number of classes of class-index labels: the largest label plus one. */
  public int classes() {
    return (int) max + 1;
  }
}
