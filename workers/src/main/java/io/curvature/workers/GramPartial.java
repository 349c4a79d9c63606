package io.curvature.workers;

import java.io.Serializable;

/** The lower triangle of sum c_i x_i x_i^T over some rows, with the total weight of those rows; mergeable. */
public final class GramPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimension;
  private final double[] lower;
  private double weightSum;

  public GramPartial(int dimension) {
    this.dimension = dimension;
    this.lower = new double[Math.multiplyExact(dimension, dimension)];
  }

  public int dimension() {
    return dimension;
  }

  /** Row-major dim x dim; only the lower triangle (column <= row) is filled. Live array. */
  public double[] lower() {
    return lower;
  }

  public double weightSum() {
    return weightSum;
  }

  void add(Block block, RowLoss loss, double[] curvature, boolean intercept, GramSample sample) {
    weightSum += block.gram(loss, curvature, intercept, sample, lower);
  }

  public GramPartial merge(GramPartial other) {
    if (other.dimension != dimension) {
      throw new IllegalArgumentException("cannot merge Gram partials of dimension " + other.dimension + " into "
          + dimension);
    }
    for (int k = 0; k < lower.length; k++) {
      lower[k] += other.lower[k];
    }
    weightSum += other.weightSum;
    return this;
  }
}
