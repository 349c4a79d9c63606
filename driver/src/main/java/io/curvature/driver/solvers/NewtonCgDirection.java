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

  NewtonCgDirection(Objective objective, Preconditioner.Kind preconditioner, int maxCgIterations) {
    Solvers.refuseL1("newton-cg", objective);
    this.objective = objective;
    this.kind = preconditioner.resolve(objective);
    this.maxCgIterations = maxCgIterations;
    this.lineSearch = new StrongWolfeLineSearch(objective, kind.extra());
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
    SteihaugCg.Step step = new SteihaugCg(at, kind.build(at, objective), forcing, maxCgIterations)
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
}
