package io.curvature.driver.objective;

import io.curvature.workers.GramPartial;
import io.curvature.workers.LossPartial;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * L2-regularized binary logistic regression in MLlib's scaling:
 * f(w) = (1/W) sum_i s_i log(1 + exp(-y_i (w.x_i + b))) + (lambda/2) ||w||^2, with row weights s_i summing to W
 * (W = n without weights) and an unregularized intercept b when fitted (stored last in the coefficient vector).
 *
 * <p>The regularizer and the 1/W scaling are applied here, once, on the driver; the workers only sum.
 *
 * <p>The sample Hessian sums about one row in k, drawn by the size of its Hessian term (see
 * {@code Block.gram}), k chosen so that about max({@value #SAMPLE_ROWS_PER_COEFFICIENT} dim, {@value #MIN_SAMPLE_ROWS})
 * rows are taken: enough rows per coefficient for the estimate to be well conditioned, few enough to cost a part of
 * a pass.
 */
public final class LogisticObjective implements Objective {
  private final BlockSums sums;
  private final double regParam;
  private final boolean fitIntercept;
  private final int dimension;
  private final double weightSum;
  /** Random base so that two objectives over the same cached data never share a curvature cache key. */
  private final long keyBase = new SplittableRandom(System.nanoTime() ^ System.identityHashCode(this)).nextLong();
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong passes = new AtomicLong();
  private final int sampleStride;

  /** Sample rows per coefficient for the sample Hessian. */
  public static final int SAMPLE_ROWS_PER_COEFFICIENT = 12;
  /** Fewest sample rows for the sample Hessian. */
  public static final int MIN_SAMPLE_ROWS = 2000;

  public LogisticObjective(BlockSums sums, double regParam, boolean fitIntercept) {
    if (!(regParam >= 0) || Double.isInfinite(regParam)) {
      throw new IllegalArgumentException("regParam is " + regParam + ", expected a finite number >= 0");
    }
    this.sums = sums;
    this.regParam = regParam;
    this.fitIntercept = fitIntercept;
    this.dimension = sums.summary().numFeatures() + (fitIntercept ? 1 : 0);
    this.weightSum = sums.summary().weightSum();
    long sampleRows = Math.max((long) SAMPLE_ROWS_PER_COEFFICIENT * dimension, MIN_SAMPLE_ROWS);
    this.sampleStride = (int) Math.max(1, Math.min(Integer.MAX_VALUE, sums.summary().rows() / sampleRows));
  }

  /** About one row in how many the sample Hessian takes. */
  public int sampleStride() {
    return sampleStride;
  }

  public DataSummary summary() {
    return sums.summary();
  }

  public double regParam() {
    return regParam;
  }

  public boolean fitIntercept() {
    return fitIntercept;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long passes() {
    return passes.get();
  }

  /** Number of regularized coordinates: every one but the intercept. */
  private int regularized() {
    return fitIntercept ? dimension - 1 : dimension;
  }

  @Override
  public Evaluation evaluate(double[] w, Extra extra) {
    if (w.length != dimension) {
      throw new IllegalArgumentException("point has dimension " + w.length + ", expected " + dimension);
    }
    for (int j = 0; j < w.length; j++) {
      if (!Double.isFinite(w[j])) {
        throw new IllegalArgumentException("coordinate " + j + " of the point is " + w[j]);
      }
    }
    double[] point = w.clone();
    long key = keyBase + evaluations.incrementAndGet();
    int gramStride = switch (extra) {
      case HESSIAN -> 1;
      case SAMPLE_HESSIAN -> sampleStride;
      default -> 0;
    };
    LossPartial partial = sums.valueGradient(point, fitIntercept, key, extra != Extra.NONE, gramStride);
    passes.incrementAndGet();
    double[] gradient = partial.gradient();
    double penalty = 0.0;
    for (int j = 0; j < dimension; j++) {
      gradient[j] /= weightSum;
      if (j < regularized()) {
        penalty += point[j] * point[j];
        gradient[j] += regParam * point[j];
      }
    }
    double value = partial.loss() / weightSum + 0.5 * regParam * penalty;
    LogisticEvaluation e = new LogisticEvaluation(point, key, value, gradient);
    if (partial.diagonal() != null) {
      e.diagonal = regularizeDiagonal(partial.diagonal());
    }
    if (extra == Extra.HESSIAN) {
      e.hessian = regularizedMatrix(partial.gram());
    } else if (extra == Extra.SAMPLE_HESSIAN) {
      e.sampleHessian = regularizedMatrix(partial.gram());
    }
    return e;
  }

  private double[] regularizeDiagonal(double[] diagonal) {
    for (int j = 0; j < dimension; j++) {
      diagonal[j] = diagonal[j] / weightSum + (j < regularized() ? regParam : 0.0);
    }
    return diagonal;
  }

  /** (1/W_S) sum_S c_i x_i x_i^T + lambda I: full, symmetric, from the lower triangle of a Gram partial. */
  private double[] regularizedMatrix(GramPartial gram) {
    double[] h = gram.lower();
    double scale = gram.weightSum() > 0 ? 1.0 / gram.weightSum() : 0.0;
    int n = dimension;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double x = h[i * n + j] * scale;
        h[i * n + j] = x;
        h[j * n + i] = x;
      }
      if (i < regularized()) {
        h[i * n + i] += regParam;
      }
    }
    return h;
  }

  private final class LogisticEvaluation implements Evaluation {
    private final double[] point;
    private final long key;
    private final double value;
    private final double[] gradient;
    private double[] diagonal;
    private double[] hessian;
    private double[] sampleHessian;

    LogisticEvaluation(double[] point, long key, double value, double[] gradient) {
      this.point = point;
      this.key = key;
      this.value = value;
      this.gradient = gradient;
    }

    @Override
    public double[] point() {
      return point;
    }

    @Override
    public double value() {
      return value;
    }

    @Override
    public double[] gradient() {
      return gradient;
    }

    @Override
    public void hessianVector(double[] v, double[] out) {
      if (v.length != dimension || out.length != dimension) {
        throw new IllegalArgumentException("vector lengths " + v.length + " and " + out.length + ", expected "
            + dimension);
      }
      double[] sum = sums.hessianVector(point, fitIntercept, key, v);
      passes.incrementAndGet();
      for (int j = 0; j < dimension; j++) {
        out[j] = sum[j] / weightSum + (j < regularized() ? regParam * v[j] : 0.0);
      }
    }

    @Override
    public synchronized double[] hessianDiagonal() {
      if (diagonal == null) {
        diagonal = regularizeDiagonal(sums.hessianDiagonal(point, fitIntercept, key));
        passes.incrementAndGet();
      }
      return diagonal;
    }

    @Override
    public synchronized double[] hessian() {
      if (hessian == null) {
        hessian = regularizedMatrix(sums.gram(point, fitIntercept, key, 1));
        passes.incrementAndGet();
      }
      return hessian;
    }

    @Override
    public synchronized double[] sampleHessian() {
      if (hessian != null) {
        return hessian;
      }
      if (sampleHessian == null) {
        sampleHessian = regularizedMatrix(sums.gram(point, fitIntercept, key, sampleStride));
        passes.incrementAndGet();
      }
      return sampleHessian;
    }
  }
}
