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
  /** ||x_i||^2 per row, for sampling rows by the size of their Hessian term; built on first use. */
  private transient double[] squaredRowNorms;

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

  /** ||x_i||^2. */
  protected abstract double squaredNorm(int i);

  /** Writes {@code scale * x_i} into {@code dest[offset .. offset + numFeatures)} (entries not stored stay as they are). */
  protected abstract void scatterRow(int i, double scale, double[] dest, int offset);

  /**
   * Adds the lower triangle (column index <= row index, row-major, dim x dim) of sum_i c_i x_i x_i^T to {@code out},
   * with x_i extended by a trailing 1 when {@code intercept}; returns the row weight that the sum stands for (the
   * block's {@link #weightSum()}). Rows are densified in chunks and multiplied with BLAS dsyrk, so the work runs at
   * matrix-multiply speed.
   *
   * <p>Stride 1 sums every row: X^T D X exactly. A stride k > 1 sums about rows/k rows drawn with probability
   * proportional to the size c_i ||x_i||^2 of their term (capped at 1), each weighted by 1/p_i: an unbiased estimate
   * of the same sum that spends its rows where the curvature is (rows the model already classifies with confidence
   * have c_i near 0 and are mostly skipped). The draw is a fixed hash of the row index, so it is reproducible.
   */
  public final double gram(double[] curvature, boolean intercept, int stride, double[] out) {
    int dim = numFeatures + (intercept ? 1 : 0);
    int outDim = (int) Math.round(Math.sqrt(out.length));
    if ((long) outDim * outDim != out.length || outDim < dim) {
      throw new IllegalArgumentException("Gram buffer of length " + out.length + " cannot hold " + dim + " x " + dim);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride is " + stride + ", expected >= 1");
    }
    double[] norms = stride > 1 ? squaredRowNorms() : null;
    double interceptNorm = intercept ? 1.0 : 0.0;     // the implicit feature 1 adds 1 to every ||x_i||^2
    double total = 0.0;
    if (stride > 1) {
      for (int i = 0; i < labels.length; i++) {
        total += curvature[i] * (norms[i] + interceptNorm);
      }
    }
    double expectedRows = Math.ceil((double) labels.length / stride);
    GramAccumulator gram = new GramAccumulator(outDim, out);
    for (int i = 0; i < labels.length; i++) {
      double c = curvature[i];
      if (c == 0.0) {
        continue;
      }
      if (stride > 1) {
        double p = Math.min(1.0, expectedRows * c * (norms[i] + interceptNorm) / total);
        if (!(uniform(i) < p)) {
          continue;
        }
        c /= p;                                    // unbiased: E[(c_i / p_i) 1{drawn}] = c_i
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
    return weightSum;
  }

  /** ||x_i||^2 of every row, computed once and kept with the cached block. */
  private synchronized double[] squaredRowNorms() {
    if (squaredRowNorms == null) {
      double[] norms = new double[labels.length];
      for (int i = 0; i < labels.length; i++) {
        norms[i] = squaredNorm(i);
      }
      squaredRowNorms = norms;
    }
    return squaredRowNorms;
  }

  /** A uniform number in [0, 1) fixed by the row index (SplitMix64 finalizer). */
  private static double uniform(int i) {
    long z = (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
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
