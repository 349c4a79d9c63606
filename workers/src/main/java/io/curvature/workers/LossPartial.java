package io.curvature.workers;

import java.io.Serializable;

/**
 * Sums of one value+gradient pass over some rows: weighted loss, weighted gradient, total weight and row count.
 * Shaped like MLlib's aggregators: {@link #merge} adds another partial into this one, in place.
 */
public final class LossPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private double loss;
  private double weightSum;
  private long rows;
  private final double[] gradient;

  public LossPartial(int dimension) {
    this.gradient = new double[dimension];
  }

  public double loss() {
    return loss;
  }

  public double weightSum() {
    return weightSum;
  }

  public long rows() {
    return rows;
  }

  /** The accumulated gradient sum (live array, not a copy). */
  public double[] gradient() {
    return gradient;
  }

  /** Adds the totals of one block; its gradient has already been accumulated into {@link #gradient()}. */
  void addBlockTotals(double blockLoss, double blockWeightSum, long blockRows) {
    loss += blockLoss;
    weightSum += blockWeightSum;
    rows += blockRows;
  }

  /** Adds {@code other} into this partial and returns this. */
  public LossPartial merge(LossPartial other) {
    if (other.gradient.length != gradient.length) {
      throw new IllegalArgumentException(
          "cannot merge partials of dimension " + other.gradient.length + " into " + gradient.length);
    }
    loss += other.loss;
    weightSum += other.weightSum;
    rows += other.rows;
    for (int j = 0; j < gradient.length; j++) {
      gradient[j] += other.gradient[j];
    }
    return this;
  }
}
