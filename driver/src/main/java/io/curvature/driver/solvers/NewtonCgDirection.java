package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;

/**
 * Line-search (truncated) Newton-CG (Nocedal and Wright, Algorithm 7.1): preconditioned CG on H d = -g (sample
 * Hessian or diagonal preconditioner, as the trust-region solver), stopped at the forcing tolerance
 * eta_k = min(0.5, sqrt(||g|| / ||g0||)) for superlinear convergence, then a strong Wolfe line search from a unit
 * step. On negative curvature CG returns the direction so far, or the preconditioned steepest-descent direction when
 * there is none yet; if CG yields no descent direction, -g.
 */
final class NewtonCgDirection implements DirectionRule {
  /** Upper bound of the forcing term eta_k. */
  private static final double MAX_FORCING = 0.5;

  private final Objective objective;
  private final Preconditioner.Kind kind;
  private final int maxCgIterations;
  private final LineSearch lineSearch;
  /** Hessian products over every stride-th row (1: all rows, the exact Newton-CG). */
  private final int stride;
  private int directions;

  NewtonCgDirection(Objective objective, Preconditioner.Kind preconditioner, int maxCgIterations) {
    this(objective, preconditioner, maxCgIterations, 1);
  }

  /**
   * Sub-sampled Newton-CG when {@code stride} > 1 (Byrd, Chin, Nocedal and Wu, "On the use of stochastic Hessian
   * information in optimization methods for machine learning", SIAM J. Optim. 2011): the gradient on all rows, the
   * CG's Hessian products on every stride-th row, a different subset each iteration (the offset turns), so each
   * CG step costs about 1/stride of a pass. The line search on the full objective keeps it globally convergent;
   * the inexact Hessian costs superlinear convergence, so it suits the many-CG-steps regime (poor preconditioning,
   * loose tolerances).
   */
  NewtonCgDirection(Objective objective, Preconditioner.Kind preconditioner, int maxCgIterations, int stride) {
    Solvers.refuseL1(stride > 1 ? "subsampled-newton-cg" : "newton-cg", objective);
    if (stride > 1 && !objective.offersSampledHessian()) {
      throw new IllegalArgumentException("subsampled-newton-cg needs sub-sampled Hessian products, which this "
          + "objective does not offer");
    }
    this.stride = stride;
    this.objective = objective;
    this.kind = preconditioner.resolve(objective);
    this.maxCgIterations = maxCgIterations;
    this.lineSearch = new StrongWolfeLineSearch(objective, kind::extra);
  }

  @Override
  public Extra extra() {
    return kind.extra();
  }

  @Override
  public Preconditioner.Kind preconditioner() {
    return kind;
  }

  @Override
  public LineSearch lineSearch() {
    return lineSearch;
  }

  @Override
  public Direction direction(Evaluation at, double initialStationarity) {
    double forcing = Math.min(MAX_FORCING, Math.sqrt(Vectors.norm(at.gradient()) / initialStationarity));
    Evaluation curvature = stride > 1 ? sampled(at, stride, directions % stride) : at;
    directions++;
    SteihaugCg.Step step = new SteihaugCg(curvature, kind.build(at, objective), forcing, maxCgIterations)
        .solve(Double.POSITIVE_INFINITY);
    double[] direction = step.s();
    if (!(Vectors.dot(direction, at.gradient()) < 0)) {
      direction = Vectors.negate(at.gradient());
    }
    return Direction.fromCg(direction, 1.0, step.cgIterations(), step.lanczos());
  }

  @Override
  public void accept(Evaluation from, Evaluation to) {}

  @Override
  public boolean forget() {
    return false;
  }

  @Override
  public SolverState.Memory memory() {
    return new SolverState.None();
  }

  @Override
  public void restore(SolverState.Memory memory) {}

  /** {@code at} with its Hessian products taken over every stride-th row from {@code offset}. */
  private static Evaluation sampled(Evaluation at, int stride, int offset) {
    return new Evaluation() {
      @Override
      public double[] point() {
        return at.point();
      }

      @Override
      public double value() {
        return at.value();
      }

      @Override
      public double[] gradient() {
        return at.gradient();
      }

      @Override
      public void hessianVector(double[] v, double[] out) {
        at.sampledHessianVector(v, out, stride, offset);
      }

      @Override
      public double[] hessianDiagonal() {
        return at.hessianDiagonal();
      }
    };
  }
}
