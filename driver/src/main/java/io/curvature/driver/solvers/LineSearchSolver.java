package io.curvature.driver.solvers;

import io.curvature.driver.linalg.ChunkedSums;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * The line-search loop every line-search method shares (Nocedal and Wright, chapter 3): at each point a direction
 * from the {@link DirectionRule} (L-BFGS, Newton-CG, exact Newton, OWL-QN), a step along it from the rule's line
 * search, the rule's memory updated. A failed search is retried once along a memoryless direction when the rule had
 * memory; otherwise the run stops with {@link Status#LINE_SEARCH_FAILED}.
 */
public final class LineSearchSolver implements Solver {
  private final String name;
  private final DirectionRule.Factory rules;
  private final StoppingTest rule;

  LineSearchSolver(String name, DirectionRule.Factory rules, StoppingTest rule) {
    this.name = name;
    this.rules = rules;
    this.rule = rule;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SolverResult minimize(Objective objective, SolverState from, IterationListener listener) {
    DirectionRule directions = rules.create(objective);
    directions.restore(from.memory());
    SolverRun run = new SolverRun(name, objective, rule, listener, from);
    run.usePreconditioner(directions.preconditioner());
    int iteration = from.iteration();
    run.describe(iteration - 1);
    Evaluation current = objective.evaluate(from.point(), directions.extra());
    run.begin(current);
    while (true) {
      Optional<Stop> stop = run.check(iteration, current);
      if (stop.isPresent()) {
        return run.finish(current, iteration, secondOrderTest(objective, current, iteration, stop.get()));
      }
      run.describe(iteration);
      DirectionRule.Direction d = directions.direction(current, run.initialStationarity());
      if (d.failure() != null) {
        return run.finish(current, iteration, Status.NUMERICAL_ERROR, d.failure());
      }
      LineSearch.Result step = directions.lineSearch().search(current, d.vector(), d.initialStep());
      if (!step.found() && directions.forget()) {     // the memory may be misleading: retry without it once
        d = directions.direction(current, run.initialStationarity());
        if (d.failure() == null) {
          step = directions.lineSearch().search(current, d.vector(), d.initialStep());
        }
      }
      if (!step.found()) {
        return run.finish(current, iteration, Status.LINE_SEARCH_FAILED,
            "no decrease along the " + name + " direction after " + step.evaluations() + " trials");
      }
      run.noteCg(d.lanczos(), directions.preconditioner(), iteration + 1);
      Evaluation next = step.evaluation();
      double stepNorm = ChunkedSums.distance(next.point(), current.point());
      directions.accept(current, next);
      current = next;
      iteration++;
      run.record(iteration, current, stepNorm, step.alpha(), d.cgIterations());
      run.publish(iteration, current, directions::memory);
    }
  }

  /**
   * On a non-convex f a line search stops wherever the gradient vanishes, saddles included: its stop then says what
   * a short Lanczos probe of the Hessian found (a line-search method has no region to follow negative curvature in;
   * tron does).
   */
  private Stop secondOrderTest(Objective objective, Evaluation at, int iteration, Stop stop) {
    if (objective.convex() || stop.status() != Status.CONVERGED) {
      return stop;
    }
    NegativeCurvature.Probe probe = NegativeCurvature.atStop(objective, at, name, iteration);
    return new Stop(stop.status(), stop.reason() + "; second-order test: " + probe.describe()
        + (probe.negative() ? " (a saddle point, not a minimum: use tron)" : ""));
  }
}
