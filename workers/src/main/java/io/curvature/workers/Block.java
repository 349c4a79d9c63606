package io.curvature.workers;

import java.io.Serializable;

/**
 * The training rows of one partition, packed once: labels in {-1, +1}, optional row weights, and the features in a
 * layout chosen by the subclass. No per-row objects are kept, so a cached partition is a handful of primitive arrays.
 *
 * <p>The kernels below only accumulate sums over the rows of this block into caller-owned arrays; they never scale
 * by 1/n nor add a regularizer (the driver does that once). Every kernel reads each stored value once.
 * See the package documentation for the coefficient layout with an intercept.
 */
public abstract sealed class Block implements Serializable permits CsrBlock, DenseBlock {
  private static final long serialVersionUID = 1L;

  /** Labels mapped to -1 / +1. */
  protected final double[] labels;
  /** Row weights, or null when every row weighs 1 (saves a pass-wide read). */
  protected final double[] weights;
  /** Number of feature columns this block spans: every stored column index is below it. */
  protected final int numFeatures;
  private final double weightSum;

  /** Curvature weights of the last gradient passes, kept on the executor next to the cached block. */
  private transient CurvatureCache curvatureCache;

  protected Block(double[] labels, double[] weights, int numFeatures) {
    if (weights != null && weights.length != labels.length) {
      throw new IllegalArgumentException(
          "weights has " + weights.length + " entries, expected one per row (" + labels.length + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 1.0 && labels[i] != -1.0) {
        throw new IllegalArgumentException("label of row " + i + " is " + labels[i] + ", expected -1 or +1");
      }
      if (weights != null && !(weights[i] >= 0 && Double.isFinite(weights[i]))) {
        throw new IllegalArgumentException("weight of row " + i + " is " + weights[i] + ", expected finite and >= 0");
      }
    }
    this.labels = labels;
    this.weights = weights;
    this.numFeatures = numFeatures;
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      sum += weights == null ? 1.0 : weights[i];
    }
    this.weightSum = sum;
  }

  public final int rows() {
    return labels.length;
  }

  public final int numFeatures() {
    return numFeatures;
  }

  public final double weightSum() {
    return weightSum;
  }

  /** Label of row i, -1 or +1. */
  public final double label(int i) {
    return labels[i];
  }

  /** Weight of row i (1 when the block has no weights). */
  public final double weight(int i) {
    return weights == null ? 1.0 : weights[i];
  }

  /** Number of stored feature values (for a dense block, rows times width). */
  public abstract long storedValues();

  /** Bytes held by the packed arrays (labels, weights, indices and values), not counting object headers. */
  public abstract long sizeInBytes();

  /**
   * Fused value and gradient pass. Returns sum_i s_i l(m_i); adds sum_i s_i l'(m_i) x_i to {@code gradient};
   * writes the curvature weight s_i l''(m_i) of each row into {@code curvature} (length {@link #rows()}); when
   * {@code diagonal} is not null, also adds the diagonal of X^T D X to it (a preconditioner for free: the row is
   * already in cache).
   */
  public abstract double valueGradient(double[] w, boolean intercept, double[] gradient, double[] curvature,
      double[] diagonal);

  /** {@link #valueGradient(double[], boolean, double[], double[], double[])} without the diagonal. */
  public final double valueGradient(double[] w, boolean intercept, double[] gradient, double[] curvature) {
    return valueGradient(w, intercept, gradient, curvature, null);
  }

  /** Adds X^T D X v to {@code out}, with D = diag(curvature); one read of the rows, each used while in cache. */
  public abstract void hessianVector(double[] curvature, double[] v, boolean intercept, double[] out);

  /** Adds the diagonal of X^T D X to {@code out}. */
  public abstract void hessianDiagonal(double[] curvature, boolean intercept, double[] out);

  /** Writes {@code scale * x_i} into {@code dest[offset .. offset + numFeatures)} (entries not stored stay as they are). */
  protected abstract void scatterRow(int i, double scale, double[] dest, int offset);

  /**
   * Adds the lower triangle (column index <= row index, row-major, dim x dim) of sum_i c_i x_i x_i^T over the rows
   * i = 0, stride, 2 stride, ... to {@code out}, with x_i extended by a trailing 1 when {@code intercept}. Returns the
   * total weight of those rows. Stride 1 gives X^T D X; a larger stride a row sample of it. Rows are densified in
   * chunks and multiplied with BLAS dsyrk, so the work runs at matrix-multiply speed.
   */
  public final double gram(double[] curvature, boolean intercept, int stride, double[] out) {
    int dim = numFeatures + (intercept ? 1 : 0);
    if ((long) dim * dim > out.length) {
      throw new IllegalArgumentException("Gram buffer of length " + out.length + " cannot hold " + dim + " x " + dim);
    }
    int outDim = (int) Math.round(Math.sqrt(out.length));
    if ((long) outDim * outDim != out.length || outDim < dim) {
      throw new IllegalArgumentException("Gram buffer of length " + out.length + " is not square or too small");
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride is " + stride + ", expected >= 1");
    }
    GramAccumulator gram = new GramAccumulator(outDim, out);
    double weight = 0.0;
    for (int i = 0; i < labels.length; i += stride) {
      double c = curvature[i];
      weight += weights == null ? 1.0 : weights[i];
      if (c == 0.0) {
        continue;
      }
      double scale = Math.sqrt(c);                // c_i x x^T = (sqrt(c_i) x)(sqrt(c_i) x)^T; c_i >= 0
      double[] chunk = gram.nextRow();
      int offset = gram.rowOffset();
      scatterRow(i, scale, chunk, offset);
      if (intercept) {
        chunk[offset + outDim - 1] = scale;
      }
    }
    gram.flush();
    return weight;
  }

  /** Writes the margin w.x_i (+ intercept) of every row into {@code out}. */
  public abstract void margins(double[] w, boolean intercept, double[] out);

  /** Checks that a coefficient vector fits this block; returns the number of feature weights d. */
  protected final int checkCoefficients(double[] w, boolean intercept) {
    int d = intercept ? w.length - 1 : w.length;
    if (d < numFeatures) {
      throw new IllegalArgumentException("coefficient vector has length " + w.length + ", expected at least "
          + (numFeatures + (intercept ? 1 : 0)) + " (" + numFeatures + " features"
          + (intercept ? " + intercept)" : ")"));
    }
    return d;
  }

  final synchronized CurvatureCache curvatureCache() {
    if (curvatureCache == null) {
      curvatureCache = new CurvatureCache();
    }
    return curvatureCache;
  }
}
