package io.curvature.driver.objective;

import io.curvature.workers.LossPartial;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * L2-regularized binary logistic regression in MLlib's scaling:
 * f(w) = (1/W) sum_i s_i log(1 + exp(-y_i (w.x_i + b))) + (lambda/2) ||w||^2, with row weights s_i summing to W
 * (W = n without weights) and an unregularized intercept b when fitted (stored last in the coefficient vector).
 *
 * <p>The regularizer and the 1/W scaling are applied here, once, on the driver; the workers only sum.
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

  public LogisticObjective(BlockSums sums, double regParam, boolean fitIntercept) {
    if (!(regParam >= 0) || Double.isInfinite(regParam)) {
      throw new IllegalArgumentException("regParam is " + regParam + ", expected a finite number >= 0");
    }
    this.sums = sums;
    this.regParam = regParam;
    this.fitIntercept = fitIntercept;
    this.dimension = sums.summary().numFeatures() + (fitIntercept ? 1 : 0);
    this.weightSum = sums.summary().weightSum();
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
  public Evaluation evaluate(double[] w, boolean withDiagonal) {
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
    double[] diagonal = withDiagonal ? new double[dimension] : null;
    LossPartial partial = sums.valueGradient(point, fitIntercept, key, diagonal);
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
    return new LogisticEvaluation(point, key, value, gradient, diagonal == null ? null : regularizeDiagonal(diagonal));
  }

  private double[] regularizeDiagonal(double[] diagonal) {
    for (int j = 0; j < dimension; j++) {
      diagonal[j] = diagonal[j] / weightSum + (j < regularized() ? regParam : 0.0);
    }
    return diagonal;
  }

  private final class LogisticEvaluation implements Evaluation {
    private final double[] point;
    private final long key;
    private final double value;
    private final double[] gradient;
    private double[] diagonal;

    LogisticEvaluation(double[] point, long key, double value, double[] gradient, double[] diagonal) {
      this.point = point;
      this.key = key;
      this.value = value;
      this.gradient = gradient;
      this.diagonal = diagonal;
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
    public double[] hessian() {
      double[] h = sums.hessianLower(point, fitIntercept, key);
      passes.incrementAndGet();
      int n = dimension;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double x = h[i * n + j] / weightSum;
          h[i * n + j] = x;
          h[j * n + i] = x;
        }
        if (i < regularized()) {
          h[i * n + i] += regParam;
        }
      }
      return h;
    }
  }
}
