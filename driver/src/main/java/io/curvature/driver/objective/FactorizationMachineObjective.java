package io.curvature.driver.objective;

import io.curvature.workers.FactorizationMachine;
import io.curvature.workers.FactorizationMachineKernels;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A factorization machine's objective (Rendle 2010; the model and the parameter layout are
 * {@link FactorizationMachine}'s), in the family's scaling:
 *
 * <pre>
 *   f(p) = (1/W) sum_i s_i l(z_i; y_i) + (lambda_w / 2) ||w||^2 + (lambda_V / 2) ||V||_F^2 + (lambda_0 / 2) w0^2
 * </pre>
 *
 * with row weights s_i summing to W. Linear weights and factors have their own L2 weight (the factors usually want a
 * larger one); the intercept is unpenalized unless lambda_0 &gt; 0 is asked for (MLlib's FM penalizes it).
 *
 * <p>f is not convex: at V = 0 the gradient in V is exactly 0 whatever the data (a saddle point when the data has
 * interactions), and the Hessian has negative curvature wherever pairs of features interact against the current
 * residual. {@link Curvature} selects what {@link Evaluation#hessianVector} returns: the exact Hessian, or the
 * generalized Gauss-Newton matrix (1/W) J^T D J, D = diag(s_i l''(z_i)), positive semidefinite for a convex loss, plus
 * the penalty, optionally plus a Levenberg-Marquardt damping mu I. The Hessian diagonal is the same for both (the
 * second derivative of z has a zero diagonal), plus the penalty and mu.
 *
 * <p>Passes: value+gradient one (with the diagonal fused when {@link Extra#DIAGONAL} is asked), each product one, each
 * diagonal asked later one. Partials are feature-major with k + 1 values a column, so sparse partitions ship sparse
 * partials on Spark.
 */
public final class FactorizationMachineObjective implements Objective {
  /** What the second-order queries return. */
  public enum Curvature {
    /** The Hessian of f: indefinite in general, so a solver sees (and can follow) negative curvature. */
    EXACT,
    /** The generalized Gauss-Newton matrix (Schraudolph 2002): J^T D J + penalty (+ mu I), never indefinite. */
    GAUSS_NEWTON
  }

  /**
   * L2 weights of the three parameter groups (each finite and &gt;= 0).
   *
   * @param linear    lambda_w, on w_j
   * @param factors   lambda_V, on V_jf
   * @param intercept lambda_0, on w0 (0: unpenalized, the family's convention)
   */
  public record Penalty(double linear, double factors, double intercept) {
    public Penalty {
      for (double x : new double[] {linear, factors, intercept}) {
        if (!(x >= 0) || Double.isInfinite(x)) {
          throw new IllegalArgumentException("L2 weights are " + linear + " (linear), " + factors + " (factors), "
              + intercept + " (intercept); expected finite numbers >= 0");
        }
      }
    }

    /** lambda_w on w, lambda_V on V, intercept unpenalized. */
    public static Penalty l2(double linear, double factors) {
      return new Penalty(linear, factors, 0.0);
    }
  }

  private final BlockSums sums;
  private final FactorizationMachine fm;
  private final Curvature curvature;
  private final double damping;
  private final int numFeatures;
  private final int dimension;
  private final double weightSum;
  /** L2 weight per coordinate: the penalty's Hessian diagonal. */
  private final double[] l2;
  private final long owner = GlmObjective.newOwner();
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong passes = new AtomicLong();

  /**
   * @param damping mu &gt;= 0 added to every Hessian product and diagonal (Levenberg-Marquardt; 0 for none)
   */
  public FactorizationMachineObjective(BlockSums sums, FactorizationMachine fm, Penalty penalty,
      Curvature curvature, double damping) {
    if (!(damping >= 0) || Double.isInfinite(damping)) {
      throw new IllegalArgumentException("damping is " + damping + ", expected a finite number >= 0");
    }
    this.sums = sums;
    this.fm = fm;
    this.curvature = curvature;
    this.damping = damping;
    this.numFeatures = sums.summary().numFeatures();
    this.dimension = fm.dimension(numFeatures);
    this.weightSum = sums.summary().weightSum();
    this.l2 = new double[dimension];
    for (int j = 0; j < numFeatures; j++) {
      l2[fm.linearIndex(j)] = penalty.linear();
      for (int f = 0; f < fm.factors(); f++) {
        l2[fm.factorIndex(j, f)] = penalty.factors();
      }
    }
    if (fm.intercept()) {
      l2[fm.interceptIndex(numFeatures)] = penalty.intercept();
    }
  }

  /** Logistic loss (labels -1/+1 or 0/1), k factors, the given L2 weights, intercept unpenalized, no damping. */
  public static FactorizationMachineObjective logistic(BlockSums sums, int factors, boolean intercept,
      double linearLambda, double factorLambda, Curvature curvature) {
    return new FactorizationMachineObjective(sums, FactorizationMachine.logistic(factors, intercept),
        Penalty.l2(linearLambda, factorLambda), curvature, 0.0);
  }

  public FactorizationMachine model() {
    return fm;
  }

  public Curvature curvature() {
    return curvature;
  }

  public int numFeatures() {
    return numFeatures;
  }

  /**
   * A deterministic start: w = 0, w0 = 0, V_jf ~ N(0, initStd^2) from {@code seed} (MLlib's default initStd is
   * {@link FactorizationMachine#DEFAULT_INIT_STD}); initStd = 0 gives V = 0, the saddle.
   */
  public double[] initialPoint(long seed, double initStd) {
    return fm.initialPoint(numFeatures, seed, initStd);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long passes() {
    return passes.get();
  }

  @Override
  public boolean convex() {
    return false;
  }

  @Override
  public double[] regularizerCurvature() {
    double[] r = l2.clone();
    for (int j = 0; j < dimension; j++) {
      r[j] += damping;
    }
    return r;
  }

  @Override
  public void describe(String context) {
    sums.describe(context);
  }

  @Override
  public Evaluation evaluate(double[] p, Extra extra) {
    if (p.length != dimension) {
      throw new IllegalArgumentException("point has dimension " + p.length + ", expected " + dimension);
    }
    for (int j = 0; j < p.length; j++) {
      if (!Double.isFinite(p[j])) {
        throw new IllegalArgumentException("coordinate " + j + " of the point is " + p[j]);
      }
    }
    if (!offers(extra)) {
      throw new IllegalArgumentException("a factorization machine offers no dense Hessian (" + extra + ")");
    }
    double[] point = p.clone();
    long key = owner | (evaluations.incrementAndGet() & 0xFFFF_FFFFL);
    boolean withDiagonal = extra == Extra.DIAGONAL;
    FactorizationMachine model = fm;
    int n = dimension;
    // Partial: gradient, [diagonal,] loss last. With the diagonal the layout is not one feature-major body: whole.
    double[] partial = sums.sum(withDiagonal ? "factorization machine value+gradient+diagonal"
        : "factorization machine value+gradient", key, point, null, withDiagonal ? 2 * n + 1 : n + 1,
        withDiagonal ? 0 : fm.stride(), (block, at, unused, out) -> {
          double[] gradient = withDiagonal ? new double[n] : out;
          double[] diagonal = withDiagonal ? new double[n] : null;
          double loss = FactorizationMachineKernels.valueGradient(block, model, at, key, gradient, diagonal);
          out[out.length - 1] += loss;
          if (withDiagonal) {
            for (int j = 0; j < n; j++) {
              out[j] += gradient[j];
              out[n + j] += diagonal[j];
            }
          }
        });
    passes.incrementAndGet();
    double[] gradient = new double[n];
    double penalty = 0.0;
    for (int j = 0; j < n; j++) {
      gradient[j] = partial[j] / weightSum + l2[j] * point[j];
      penalty += 0.5 * l2[j] * point[j] * point[j];
    }
    FmEvaluation e = new FmEvaluation(point, key, partial[partial.length - 1] / weightSum + penalty, gradient);
    if (withDiagonal) {
      e.diagonal = regularizedDiagonal(java.util.Arrays.copyOfRange(partial, n, 2 * n));
    }
    return e;
  }

  private double[] regularizedDiagonal(double[] sum) {
    for (int j = 0; j < dimension; j++) {
      sum[j] = sum[j] / weightSum + l2[j] + damping;
    }
    return sum;
  }

  private final class FmEvaluation extends PointEvaluation {
    private double[] diagonal;

    FmEvaluation(double[] point, long key, double value, double[] gradient) {
      super(point, key, value, gradient);
    }

    @Override
    public void hessianVector(double[] v, double[] out) {
      if (v.length != dimension || out.length != dimension) {
        throw new IllegalArgumentException("vector lengths " + v.length + " and " + out.length + ", expected "
            + dimension);
      }
      FactorizationMachine model = fm;
      long at = key;
      boolean gaussNewton = curvature == Curvature.GAUSS_NEWTON;
      double[] sum = sums.sum(gaussNewton ? "factorization machine Gauss-Newton product"
          : "factorization machine Hessian-vector product", key, point, v, dimension, fm.stride(),
          (block, p, direction, partial) ->
              FactorizationMachineKernels.hessianVector(block, model, p, at, direction, gaussNewton, partial));
      passes.incrementAndGet();
      for (int j = 0; j < dimension; j++) {
        out[j] = sum[j] / weightSum + (l2[j] + damping) * v[j];
      }
    }

    @Override
    public synchronized double[] hessianDiagonal() {
      if (diagonal == null) {
        FactorizationMachine model = fm;
        long at = key;
        diagonal = regularizedDiagonal(sums.sum("factorization machine Hessian diagonal", key, point, null,
            dimension, fm.stride(), (block, p, unused, partial) ->
                FactorizationMachineKernels.diagonal(block, model, p, at, partial)));
        passes.incrementAndGet();
      }
      return diagonal;
    }
  }
}
