package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Cholesky;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * Newton's method with the explicit Hessian, factored by Cholesky on the driver, and a strong Wolfe line search from
 * the unit step. For dimensions up to a few thousand. Every trial point's pass also sums the Hessian (BLAS dsyrk on
 * densified row chunks), so when the unit step is accepted, as it nearly always is, an iteration costs one pass and
 * the method converges quadratically near the optimum. If H is not numerically positive definite it is damped
 * (H + tau I, tau growing tenfold) until Cholesky succeeds.
 *
 * <p>On a quadratic objective (least squares) the Newton step is the solution of the normal equations: the objective
 * extrapolates f and g to it without a pass, so the whole fit costs one pass, as MLlib's normal-equation solver.
 */
final class NewtonDirection implements DirectionRule {
  /** Largest dimension accepted by default: the d x d Hessian is summed over partitions and factored in O(d^3). */
  static final int DEFAULT_MAX_DIMENSION = 4096;

  private final LineSearch lineSearch;

  NewtonDirection(Objective objective, int maxDimension) {
    Solvers.refuseL1("newton", objective);
    int n = objective.dimension();
    if (n > maxDimension || !objective.offers(Extra.HESSIAN)) {
      throw new IllegalArgumentException("exact Newton needs the dimension to be at most " + maxDimension
          + " (the d x d Hessian), but it is " + n + "; use tron or lbfgs");
    }
    StrongWolfeLineSearch wolfe = new StrongWolfeLineSearch(objective, () -> Extra.HESSIAN);
    this.lineSearch = (start, direction, alpha) -> {
      Evaluation exact = alpha == 1.0 ? objective.extrapolate(start, direction) : null;
      if (exact != null && exact.value() <= start.value()) {
        return new LineSearch.Result(exact, 1.0, true, 0);
      }
      return wolfe.search(start, direction, alpha);
    };
  }

  @Override
  public Extra extra() {
    return Extra.HESSIAN;
  }

  @Override
  public LineSearch lineSearch() {
    return lineSearch;
  }

  @Override
  public Direction direction(Evaluation at, double initialStationarity) {
    int n = at.point().length;
    Optional<double[]> newton = newtonDirection(at.dense().hessian(), at.gradient(), n);
    return newton.map(d -> Direction.of(d, 1.0, 0)).orElseGet(() -> Direction.failed(
        "the Hessian could not be factored"));
  }

  /** -H^{-1} g, damping H when it is not numerically positive definite. */
  static Optional<double[]> newtonDirection(double[] h, double[] g, int n) {
    return Cholesky.factorDamped(h, n).map(factor -> {
      double[] d = factor.solve(g);
      Vectors.scale(-1.0, d);
      return d;
    });
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
