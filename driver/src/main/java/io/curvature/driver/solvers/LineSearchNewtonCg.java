package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * Line-search (truncated) Newton-CG (Nocedal and Wright, Algorithm 7.1): preconditioned CG on H d = -g (sample
 * Hessian or diagonal preconditioner, as {@link TrustRegionNewton}),
 * stopped at the forcing tolerance eta_k = min(0.5, sqrt(||g|| / ||g0||)) for superlinear convergence, then a strong
 * Wolfe line search from a unit step. On negative curvature CG returns the direction so far, or the preconditioned
 * steepest-descent direction when there is none yet.
 */
public final class LineSearchNewtonCg implements Solver {
  /** Upper bound of the forcing term eta_k. */
  private static final double MAX_FORCING = 0.5;

  private final StoppingRule rule;
  private final int maxCgIterations;
  private final Preconditioner.Kind preconditioner;

  public LineSearchNewtonCg(StoppingRule rule, int maxCgIterations, Preconditioner.Kind preconditioner) {
    this.rule = rule;
    this.maxCgIterations = maxCgIterations;
    this.preconditioner = preconditioner;
  }

  public LineSearchNewtonCg(StoppingRule rule) {
    this(rule, 1000, Preconditioner.Kind.AUTO);
  }

  @Override
  public String name() {
    return "newton-cg";
  }

  @Override
  public SolverResult minimize(Objective objective, double[] w0, IterationListener listener) {
    SolverRun run = new SolverRun(name(), objective, rule, listener);
    Preconditioner.Kind kind = preconditioner.resolve(objective.dimension());
    StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(objective, kind.extra());
    Evaluation current = objective.evaluate(w0, kind.extra());
    run.begin(current);
    double initialNorm = Vectors.norm(current.gradient());
    int iteration = 0;
    while (true) {
      Optional<Status> stop = run.check(iteration, current);
      if (stop.isPresent()) {
        return run.finish(current, iteration, stop.get(), null);
      }
      double forcing = Math.min(MAX_FORCING, Math.sqrt(Vectors.norm(current.gradient()) / initialNorm));
      SteihaugCg.Step step = new SteihaugCg(current, kind.build(current), forcing, maxCgIterations)
          .solve(Double.POSITIVE_INFINITY);
      double[] direction = step.s();
      if (!(Vectors.dot(direction, current.gradient()) < 0)) {
        direction = Vectors.negate(current.gradient());   // CG made no descent direction: fall back to -g
      }
      StrongWolfeLineSearch.Result ls = lineSearch.search(current, direction, 1.0);
      if (!ls.found()) {
        return run.finish(current, iteration, Status.LINE_SEARCH_FAILED,
            "no decrease along the Newton-CG direction after " + ls.evaluations() + " trials");
      }
      double stepNorm = ls.alpha() * Vectors.norm(direction);
      current = ls.evaluation();
      iteration++;
      run.record(iteration, current, stepNorm, ls.alpha(), step.cgIterations());
    }
  }
}
