package io.curvature.workers;

import java.io.Serializable;

/**
 * The training rows of one partition, packed once: labels (as their {@link LabelDomain} stores them), optional row
 * weights, and the features in a layout chosen by the subclass. No per-row objects are kept, so a cached partition is
 * a handful of primitive arrays.
 *
 * <p>The kernels below accumulate sums over the rows of this block into caller-owned arrays; they never scale by 1/n
 * nor add a regularizer (the driver does that once). Each is written once, here, on top of a few row operations the
 * layouts implement, and calls the loss once per row. Every kernel reads each stored value once. See the package
 * documentation for the coefficient layout.
 */
public abstract sealed class Block implements Serializable permits CsrBlock, DenseBlock {
  private static final long serialVersionUID = 2L;

  /** Labels in stored form. */
  protected final double[] labels;
  /** Row weights, or null when every row weighs 1 (saves a pass-wide read). */
  protected final double[] weights;
  /** Number of feature columns this block spans: every stored column index is below it. */
  protected final int numFeatures;
  private final double weightSum;

  /** Curvature state of the last gradient passes, kept on the executor next to the cached block. */
  private transient CurvatureCache curvatureCache;
  /** ||x_i||^2 per row, for sampling rows by the size of their Hessian term; built on first use. */
  private transient double[] squaredRowNorms;

  protected Block(double[] labels, double[] weights, int numFeatures) {
    if (weights != null && weights.length != labels.length) {
      throw new IllegalArgumentException(
          "weights has " + weights.length + " entries, expected one per row (" + labels.length + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new IllegalArgumentException("label of row " + i + " is " + labels[i] + ", expected a finite number");
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

  /** Label of row i, in stored form. */
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

  /** Length of the curvature array the kernels use with {@code loss}: its state size per row. */
  public final int curvatureLength(RowLoss loss) {
    return Math.multiplyExact(labels.length, loss.stateSize());
  }

  // ---- Row operations each layout implements (x_i is row i; K outputs use the feature-major layout w[j K + k]).

  /** x_i . y. */
  protected abstract double dot(int i, double[] y);

  /** y += a x_i. */
  protected abstract void addScaled(int i, double a, double[] y);

  /** y_j += a x_ij^2. */
  protected abstract void addScaledSquares(int i, double a, double[] y);

  /** out_k += sum_j x_ij w[j K + k], k < K. */
  protected abstract void dots(int i, double[] w, int outputs, double[] out);

  /** y[j K + k] += x_ij a_k. */
  protected abstract void addOuter(int i, double[] a, int outputs, double[] y);

  /** y[j K + k] += x_ij^2 a_k. */
  protected abstract void addOuterSquares(int i, double[] a, int outputs, double[] y);

  /** ||x_i||^2. */
  protected abstract double squaredNorm(int i);

  /**
   * Copies the nonzero values of row i and their (increasing) columns into {@code columns} and {@code values} (length
   * at least {@link #numFeatures()}); returns how many. For kernels whose work per value is large (a factorization
   * machine spends O(k) on each), so the copy's O(nnz) is a small part and one loop serves every layout and width.
   */
  protected abstract int gatherRow(int i, int[] columns, double[] values);

  /** dest[offset + j K + k] = x_ij a_k for stored j (entries not stored stay as they are; callers hand zeroes). */
  protected abstract void scatterOuter(int i, double[] a, int outputs, double[] dest, int offset);

  // ---- Kernels.

  /**
   * Fused value and gradient pass. Returns sum_i s_i l(m_i); adds sum_i s_i dl/dm_i (x) x_i to {@code gradient};
   * writes the curvature state of each row into {@code curvature} (length {@link #curvatureLength}); when
   * {@code diagonal} is not null, also adds the diagonal of the Hessian sum to it (a preconditioner for free: the
   * row is already in cache).
   */
  public final double valueGradient(RowLoss loss, double[] w, boolean intercept, double[] gradient,
      double[] curvature, double[] diagonal) {
    if (loss instanceof MarginLoss margin) {
      return valueGradient(margin, w, intercept, gradient, curvature, diagonal);
    }
    return valueGradient((MultiOutputLoss) loss, w, intercept, gradient, curvature, diagonal);
  }

  private double valueGradient(MarginLoss loss, double[] w, boolean intercept, double[] gradient,
      double[] curvature, double[] diagonal) {
    int d = checkCoefficients(w, 1, intercept);
    double bias = intercept ? w[d] : 0.0;
    double[] derivatives = new double[2];
    double total = 0.0;
    double biasGradient = 0.0;
    double diagonalBias = 0.0;
    for (int i = 0; i < labels.length; i++) {
      double margin = bias + dot(i, w);
      double s = weights == null ? 1.0 : weights[i];
      total += s * loss.evaluate(margin, labels[i], derivatives);
      double coefficient = s * derivatives[0];
      double c = s * derivatives[1];
      addScaled(i, coefficient, gradient);               // the row is still in cache for the second sweep
      if (diagonal != null) {
        addScaledSquares(i, c, diagonal);
        diagonalBias += c;
      }
      biasGradient += coefficient;
      curvature[i] = c;
    }
    if (intercept) {
      gradient[d] += biasGradient;
      if (diagonal != null) {
        diagonal[d] += diagonalBias;
      }
    }
    return total;
  }

  private double valueGradient(MultiOutputLoss loss, double[] w, boolean intercept, double[] gradient,
      double[] curvature, double[] diagonal) {
    int outputs = loss.outputs();
    int d = checkCoefficients(w, outputs, intercept);
    int biasAt = d * outputs;
    double[] margins = new double[outputs];
    double[] derivative = new double[outputs];
    double[] rowDiagonal = diagonal == null ? null : new double[outputs];
    double total = 0.0;
    for (int i = 0; i < labels.length; i++) {
      initMargins(w, intercept, biasAt, margins);
      dots(i, w, outputs, margins);
      double s = weights == null ? 1.0 : weights[i];
      int offset = i * outputs;
      total += s * loss.evaluate(margins, labels[i], derivative, curvature, offset);
      for (int k = 0; k < outputs; k++) {
        derivative[k] *= s;
      }
      addOuter(i, derivative, outputs, gradient);
      if (intercept) {
        for (int k = 0; k < outputs; k++) {
          gradient[biasAt + k] += derivative[k];
        }
      }
      if (diagonal != null) {
        loss.hessianDiagonal(curvature, offset, rowDiagonal);
        for (int k = 0; k < outputs; k++) {
          rowDiagonal[k] *= s;
        }
        addOuterSquares(i, rowDiagonal, outputs, diagonal);
        if (intercept) {
          for (int k = 0; k < outputs; k++) {
            diagonal[biasAt + k] += rowDiagonal[k];
          }
        }
      }
    }
    return total;
  }

  /** Adds H v of this block to {@code out}, H the Hessian sum whose state the gradient pass left in curvature. */
  public final void hessianVector(RowLoss loss, double[] curvature, double[] v, boolean intercept, double[] out) {
    hessianVector(loss, curvature, v, intercept, out, 1, 0);
  }

  /**
   * Adds the Hessian sum over rows offset, offset + stride, ... times v to {@code out} (a sub-sampled Hessian, Byrd,
   * Chin, Nocedal and Wu 2011: about 1/stride of the work) and returns the weight of those rows, by which the
   * caller scales the sum. A stride, not a prefix, because files are often sorted (by label, by date).
   */
  public final double hessianVector(RowLoss loss, double[] curvature, double[] v, boolean intercept, double[] out,
      int stride, int offset) {
    if (stride < 1 || offset < 0) {
      throw new IllegalArgumentException("row stride " + stride + " and offset " + offset + ", expected >= 1, >= 0");
    }
    int outputs = loss.outputs();
    int d = checkCoefficients(v, outputs, intercept);
    double weight = 0;
    if (outputs == 1) {
      double vBias = intercept ? v[d] : 0.0;
      double outBias = 0.0;
      for (int i = offset % stride; i < labels.length; i += stride) {
        double c = curvature[i] * (vBias + dot(i, v));
        addScaled(i, c, out);
        outBias += c;
        weight += weights == null ? 1.0 : weights[i];
      }
      if (intercept) {
        out[d] += outBias;
      }
      return weight;
    }
    MultiOutputLoss multi = (MultiOutputLoss) loss;
    int biasAt = d * outputs;
    double[] u = new double[outputs];
    double[] t = new double[outputs];
    for (int i = offset % stride; i < labels.length; i += stride) {
      initMargins(v, intercept, biasAt, u);
      dots(i, v, outputs, u);
      multi.hessianProduct(curvature, i * outputs, u, t);
      double s = weights == null ? 1.0 : weights[i];
      weight += s;
      for (int k = 0; k < outputs; k++) {
        t[k] *= s;
      }
      addOuter(i, t, outputs, out);
      if (intercept) {
        for (int k = 0; k < outputs; k++) {
          out[biasAt + k] += t[k];
        }
      }
    }
    return weight;
  }

  /** Adds the diagonal of the Hessian sum to {@code out}. */
  public final void hessianDiagonal(RowLoss loss, double[] curvature, boolean intercept, double[] out) {
    int outputs = loss.outputs();
    int d = checkCoefficients(out, outputs, intercept);
    if (outputs == 1) {
      double outBias = 0.0;
      for (int i = 0; i < labels.length; i++) {
        addScaledSquares(i, curvature[i], out);
        outBias += curvature[i];
      }
      if (intercept) {
        out[d] += outBias;
      }
      return;
    }
    MultiOutputLoss multi = (MultiOutputLoss) loss;
    int biasAt = d * outputs;
    double[] rowDiagonal = new double[outputs];
    for (int i = 0; i < labels.length; i++) {
      multi.hessianDiagonal(curvature, i * outputs, rowDiagonal);
      double s = weights == null ? 1.0 : weights[i];
      for (int k = 0; k < outputs; k++) {
        rowDiagonal[k] *= s;
      }
      addOuterSquares(i, rowDiagonal, outputs, out);
      if (intercept) {
        for (int k = 0; k < outputs; k++) {
          out[biasAt + k] += rowDiagonal[k];
        }
      }
    }
  }

  /** Writes the curvature state at {@code w} into {@code curvature}, from the margins (no gradient). */
  public final void curvature(RowLoss loss, double[] w, boolean intercept, double[] curvature) {
    int outputs = loss.outputs();
    int d = checkCoefficients(w, outputs, intercept);
    if (loss instanceof MarginLoss margin) {
      double bias = intercept ? w[d] : 0.0;
      for (int i = 0; i < labels.length; i++) {
        curvature[i] = weight(i) * margin.curvature(bias + dot(i, w), labels[i]);
      }
      return;
    }
    MultiOutputLoss multi = (MultiOutputLoss) loss;
    double[] margins = new double[outputs];
    for (int i = 0; i < labels.length; i++) {
      initMargins(w, intercept, d * outputs, margins);
      dots(i, w, outputs, margins);
      multi.state(margins, labels[i], curvature, i * outputs);
    }
  }

  /** Writes the margins of every row into {@code out} (row-major, K a row): w_k.x_i (+ b_k). */
  public final void margins(double[] w, int outputs, boolean intercept, double[] out) {
    int d = checkCoefficients(w, outputs, intercept);
    if (outputs == 1) {
      double bias = intercept ? w[d] : 0.0;
      for (int i = 0; i < labels.length; i++) {
        out[i] = bias + dot(i, w);
      }
      return;
    }
    double[] margins = new double[outputs];
    for (int i = 0; i < labels.length; i++) {
      initMargins(w, intercept, d * outputs, margins);
      dots(i, w, outputs, margins);
      System.arraycopy(margins, 0, out, i * outputs, outputs);
    }
  }

  private static void initMargins(double[] w, boolean intercept, int biasAt, double[] margins) {
    if (intercept) {
      System.arraycopy(w, biasAt, margins, 0, margins.length);
    } else {
      java.util.Arrays.fill(margins, 0.0);
    }
  }

  /**
   * Adds the lower triangle (column index <= row index, row-major, dim x dim) of the Hessian sum
   * sum_i s_i A_i (x) x_i x_i^T to {@code out}, with x_i extended by a trailing 1 when {@code intercept}; returns the
   * row weight that the sum stands for (the block's {@link #weightSum()}). Each row's term is written as K outer
   * products (1 for a margin loss: sqrt(|c_i|) x_i) into dense chunks multiplied with BLAS dsyrk, so the work runs at
   * matrix-multiply speed. A non-convex loss (sigmoid) has rows with c_i &lt; 0: those go to a second chunk whose
   * dsyrk subtracts, so the sum is exact and may be indefinite.
   *
   * <p>Stride 1 sums every row: the exact Hessian sum. A stride k > 1 sums about rows/k rows drawn with probability
   * proportional to the size s_i |tr(A_i)| ||x_i||^2 of their term (capped at 1), each weighted by 1/p_i: an unbiased
   * estimate of the same sum that spends its rows where the curvature is (rows the model already classifies with
   * confidence have a term near 0 and are mostly skipped). The draw is a fixed hash of the row index, so it is
   * reproducible.
   */
  public final double gram(RowLoss loss, double[] curvature, boolean intercept, int stride, double[] out) {
    return gram(loss, curvature, intercept, GramSample.every(stride), out);
  }

  /**
   * As {@link #gram(RowLoss, double[], boolean, int, double[])}, with the rows drawn by the size of their term in the
   * units {@link GramSample#featureWeights()} gives the features: s_i |tr(A_i)| (sum_j u_j x_ij^2 + [intercept]).
   */
  public final double gram(RowLoss loss, double[] curvature, boolean intercept, GramSample sample, double[] out) {
    int stride = sample.stride();
    int outputs = loss.outputs();
    int dim = (numFeatures + (intercept ? 1 : 0)) * outputs;
    int outDim = (int) Math.round(Math.sqrt(out.length));
    if ((long) outDim * outDim != out.length || outDim < dim || outDim % outputs != 0) {
      throw new IllegalArgumentException("Gram buffer of length " + out.length + " cannot hold " + dim + " x " + dim);
    }
    MultiOutputLoss multi = outputs > 1 ? (MultiOutputLoss) loss : null;
    double[] norms = stride == 1 ? null
        : sample.featureWeights() == null ? squaredRowNorms() : sample.weightedSquaredNorms(this);
    double interceptNorm = intercept ? 1.0 : 0.0;     // the implicit feature 1 adds 1 to every ||x_i||^2
    double total = 0.0;
    if (stride > 1) {
      for (int i = 0; i < labels.length; i++) {
        total += termSize(multi, curvature, i) * (norms[i] + interceptNorm);
      }
    }
    double expectedRows = Math.ceil((double) labels.length / stride);
    int biasAt = outDim - outputs;                    // intercepts are the last K coordinates
    double[] factor = new double[outputs * outputs];
    double[] b = new double[outputs];
    GramAccumulator gram = new GramAccumulator(outDim, out, 1.0, stride > 1);
    GramAccumulator negative = null;                  // rows of a non-convex loss with c_i < 0, made when first met
    for (int i = 0; i < labels.length; i++) {
      double c = termSize(multi, curvature, i);
      if (c == 0.0) {
        continue;
      }
      double scale = 1.0;
      if (stride > 1) {
        double p = Math.min(1.0, expectedRows * c * (norms[i] + interceptNorm) / total);
        if (!(uniform(i) < p)) {
          continue;
        }
        scale = 1.0 / p;                              // unbiased: E[(term / p_i) 1{drawn}] = term
      }
      if (multi == null) {
        // c_i x x^T = sign(c_i) (sqrt(|c_i|) x)(sqrt(|c_i|) x)^T: dsyrk adds with alpha = +1 or -1 by chunk.
        b[0] = Math.sqrt(c * scale);
        if (curvature[i] < 0) {
          if (negative == null) {
            negative = new GramAccumulator(outDim, out, -1.0, stride > 1);
          }
          writeVirtualRow(negative, i, b, 1, intercept, biasAt);
        } else {
          writeVirtualRow(gram, i, b, 1, intercept, biasAt);
        }
        continue;
      }
      multi.hessianFactor(curvature, i * outputs, factor);
      double root = Math.sqrt(weight(i) * scale);
      for (int r = 0; r < outputs; r++) {
        for (int k = 0; k < outputs; k++) {
          b[k] = root * factor[r * outputs + k];
        }
        writeVirtualRow(gram, i, b, outputs, intercept, biasAt);
      }
    }
    gram.flush();
    if (negative != null) {
      negative.flush();
    }
    return weightSum;
  }

  private void writeVirtualRow(GramAccumulator gram, int i, double[] b, int outputs, boolean intercept, int biasAt) {
    double[] chunk = gram.nextRow();
    int offset = gram.rowOffset();
    scatterOuter(i, b, outputs, chunk, offset);
    if (intercept) {
      System.arraycopy(b, 0, chunk, offset + biasAt, outputs);
    }
  }

  /**
   * |s_i tr(A_i)|: the size of the curvature weight of a margin loss (negative for a non-convex one where it bends
   * down), the trace of the weighted row Hessian otherwise (softmax's A_i is positive semidefinite).
   */
  private double termSize(MultiOutputLoss multi, double[] curvature, int i) {
    return multi == null ? Math.abs(curvature[i]) : weight(i) * multi.hessianTrace(curvature, i * multi.outputs());
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

  /**
   * Adds this block's per-feature sums of s x_ij and s x_ij^2 (for means and standard deviations) to {@code sum} and
   * {@code sumSquares}; stored values only, so sparse data stays sparse.
   */
  public final void addFeatureMoments(double[] sum, double[] sumSquares) {
    for (int i = 0; i < labels.length; i++) {
      double s = weights == null ? 1.0 : weights[i];
      addScaled(i, s, sum);
      addScaledSquares(i, s, sumSquares);
    }
  }

  /**
   * Checks that a coefficient vector fits this block with K outputs: d K feature weights (d >= the block's
   * features) and K intercepts when fitted. Returns d.
   */
  protected final int checkCoefficients(double[] w, int outputs, boolean intercept) {
    int tail = intercept ? outputs : 0;
    int d = (w.length - tail) / outputs;
    if (d < numFeatures || (long) d * outputs + tail != w.length) {
      throw new IllegalArgumentException("coefficient vector has length " + w.length + ", expected at least "
          + ((long) numFeatures * outputs + tail) + " (" + numFeatures + " features x " + outputs + " outputs"
          + (intercept ? " + " + outputs + " intercepts)" : ")"));
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
