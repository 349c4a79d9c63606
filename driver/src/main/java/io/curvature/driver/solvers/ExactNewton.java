package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Cholesky;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * Newton's method with the explicit Hessian, factored by Cholesky on the driver, and a strong Wolfe line search from
 * the unit step. For dimensions up to a few thousand. Every trial point's pass also sums X^T D X (BLAS dsyrk on
 * densified row chunks), so when the unit step is accepted, as it nearly always is, an iteration costs one pass and
 * the method converges quadratically near the optimum. If H is not numerically positive definite it is damped
 * (H + tau I, tau growing tenfold) until Cholesky succeeds.
 */
public final class ExactNewton implements Solver {
  /** Largest dimension accepted by default: the d x d Hessian is summed over partitions and factored in O(d^3). */
  public static final int DEFAULT_MAX_DIMENSION = 4096;

  private final StoppingRule rule;
  private final int maxDimension;

  public ExactNewton(StoppingRule rule, int maxDimension) {
    this.rule = rule;
    this.maxDimension = maxDimension;
  }

  public ExactNewton(StoppingRule rule) {
    this(rule, DEFAULT_MAX_DIMENSION);
  }

  @Override
  public String name() {
    return "newton";
  }

  @Override
  public SolverResult minimize(Objective objective, double[] w0, IterationListener listener) {
    int n = objective.dimension();
    if (n > maxDimension) {
      throw new IllegalArgumentException("exact Newton needs the dimension to be at most " + maxDimension
          + " (the d x d Hessian), but it is " + n + "; use tron or lbfgs");
    }
    SolverRun run = new SolverRun(name(), objective, rule, listener);
    StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(objective, Extra.HESSIAN);
    Evaluation current = objective.evaluate(w0, Extra.HESSIAN);
    run.begin(current);
    int iteration = 0;
    while (true) {
      Optional<Status> stop = run.check(iteration, current);
      if (stop.isPresent()) {
        return run.finish(current, iteration, stop.get(), null);
      }
      Optional<double[]> newton = newtonDirection(current.hessian(), current.gradient(), n);
      if (newton.isEmpty()) {
        return run.finish(current, iteration, Status.NUMERICAL_ERROR, "the Hessian could not be factored");
      }
      StrongWolfeLineSearch.Result ls = lineSearch.search(current, newton.get(), 1.0);
      if (!ls.found()) {
        return run.finish(current, iteration, Status.LINE_SEARCH_FAILED,
            "no decrease along the Newton direction after " + ls.evaluations() + " trials");
      }
      double stepNorm = ls.alpha() * Vectors.norm(newton.get());
      current = ls.evaluation();
      iteration++;
      run.record(iteration, current, stepNorm, ls.alpha(), 0);
    }
  }

  /** -H^{-1} g, damping H when it is not numerically positive definite. */
  static Optional<double[]> newtonDirection(double[] h, double[] g, int n) {
    return Cholesky.factorDamped(h, n).map(factor -> {
      double[] d = factor.solve(g);
      Vectors.scale(-1.0, d);
      return d;
    });
  }
}
