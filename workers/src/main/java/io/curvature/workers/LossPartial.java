package io.curvature.workers;

import java.io.Serializable;

/**
 * Sums of one value+gradient pass over some rows: weighted loss, weighted gradient, total weight and row count, and,
 * when asked for, what the same pass can add while the rows are at hand: the Hessian diagonal and a Gram matrix (the
 * full Hessian or a row sample of it). Shaped like MLlib's aggregators: {@link #merge} adds another partial into this
 * one, in place.
 */
public final class LossPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private double loss;
  private double weightSum;
  private long rows;
  private final double[] gradient;
  private final double[] diagonal;
  private final GramPartial gram;
  private final GramSample gramSample;

  /**
   * @param withDiagonal also sum the Hessian diagonal
   * @param gramStride   0 for no Gram matrix; k >= 1 to sum c_i x_i x_i^T over every k-th row of each block
   */
  public LossPartial(int dimension, boolean withDiagonal, int gramStride) {
    this(dimension, withDiagonal, sampleOf(gramStride));
  }

  /** The rows a stride sums: none for 0; checked first, so a negative stride is named as this constructor's. */
  private static GramSample sampleOf(int gramStride) {
    if (gramStride < 0) {
      throw new IllegalArgumentException("gramStride is " + gramStride + ", expected >= 0");
    }
    return gramStride == 0 ? null : GramSample.every(gramStride);
  }

  /**
   * @param withDiagonal also sum the Hessian diagonal
   * @param gramSample   the rows whose Gram matrix to sum, or null for none
   */
  public LossPartial(int dimension, boolean withDiagonal, GramSample gramSample) {
    this.gradient = new double[dimension];
    this.diagonal = withDiagonal ? new double[dimension] : null;
    this.gram = gramSample != null ? new GramPartial(dimension) : null;
    this.gramSample = gramSample;
  }

  public LossPartial(int dimension) {
    this(dimension, false, 0);
  }

  /** A partial of the given sums, without a Gram matrix (a codec's reading of one it wrote). */
  public static LossPartial of(double loss, double weightSum, long rows, double[] gradient, double[] diagonal) {
    LossPartial p = new LossPartial(0);
    p.loss = loss;
    p.weightSum = weightSum;
    p.rows = rows;
    return new LossPartial(p, gradient, diagonal);
  }

  private LossPartial(LossPartial totals, double[] gradient, double[] diagonal) {
    this.loss = totals.loss;
    this.weightSum = totals.weightSum;
    this.rows = totals.rows;
    this.gradient = gradient;
    this.diagonal = diagonal;
    this.gram = totals.gram;
    this.gramSample = totals.gramSample;
  }

  /**
   * This partial with its vectors cut to {@code support} plus the last {@code tail} coordinates (see
   * {@link Supports}, K = {@code outputs} values a column); the Gram matrix, if any, stays whole.
   */
  public LossPartial compact(int[] support, int outputs, int tail) {
    return new LossPartial(this, Supports.gather(gradient, support, outputs, tail),
        diagonal == null ? null : Supports.gather(diagonal, support, outputs, tail));
  }

  /** A compact partial back in full dimension {@code dimension}. */
  public LossPartial expand(int[] support, int outputs, int dimension) {
    double[] g = new double[dimension];
    Supports.scatterAdd(gradient, support, outputs, g);
    double[] d = null;
    if (diagonal != null) {
      d = new double[dimension];
      Supports.scatterAdd(diagonal, support, outputs, d);
    }
    return new LossPartial(this, g, d);
  }

  /**
   * Adds a compact partial (see {@link #compact}) into this full one and returns this: the same sums as
   * {@code merge(other.expand(...))} without making the full-size copy.
   */
  public LossPartial mergeCompact(LossPartial other, int[] support, int outputs) {
    if ((diagonal == null) != (other.diagonal == null) || (gram == null) != (other.gram == null)) {
      throw new IllegalArgumentException("cannot merge partials that summed different things");
    }
    loss += other.loss;
    weightSum += other.weightSum;
    rows += other.rows;
    Supports.scatterAdd(other.gradient, support, outputs, gradient);
    if (diagonal != null) {
      Supports.scatterAdd(other.diagonal, support, outputs, diagonal);
    }
    if (gram != null) {
      gram.merge(other.gram);
    }
    return this;
  }

  /** The Hessian diagonal sum, or null when not asked for (live array). */
  public double[] diagonal() {
    return diagonal;
  }

  /** The Gram sum, or null when not asked for. */
  public GramPartial gram() {
    return gram;
  }

  GramSample gramSample() {
    return gramSample;
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
    if ((diagonal == null) != (other.diagonal == null) || (gram == null) != (other.gram == null)) {
      throw new IllegalArgumentException("cannot merge partials that summed different things");
    }
    if (diagonal != null) {
      for (int j = 0; j < diagonal.length; j++) {
        diagonal[j] += other.diagonal[j];
      }
    }
    if (gram != null) {
      gram.merge(other.gram);
    }
    return this;
  }
}
