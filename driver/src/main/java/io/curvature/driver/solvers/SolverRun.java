package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The bookkeeping every solver shares: clock, pass count, history, the listener and the stopping rule. */
final class SolverRun {
  private final String solver;
  private final Objective objective;
  private final StoppingRule rule;
  private final IterationListener listener;
  private final long startNanos = System.nanoTime();
  private final long startPasses;
  private final List<IterationRecord> history = new ArrayList<>();
  private double initialGradientNorm = Double.NaN;

  SolverRun(String solver, Objective objective, StoppingRule rule, IterationListener listener) {
    this.solver = solver;
    this.objective = objective;
    this.rule = rule;
    this.listener = listener;
    this.startPasses = objective.passes();
  }

  /** Records iteration 0 at the starting point. */
  void begin(Evaluation start) {
    initialGradientNorm = Vectors.norm(start.gradient());
    record(0, start, 0.0, 0.0, 0);
  }

  void record(int iteration, Evaluation at, double stepNorm, double stepSize, int cgIterations) {
    IterationRecord r = new IterationRecord(iteration, at.value(), Vectors.norm(at.gradient()), stepNorm, stepSize,
        cgIterations, passes(), seconds());
    history.add(r);
    listener.onIteration(r);
  }

  Optional<Status> check(int iteration, Evaluation at) {
    return rule.check(iteration, at.value(), Vectors.norm(at.gradient()), initialGradientNorm);
  }

  long passes() {
    return objective.passes() - startPasses;
  }

  double seconds() {
    return (System.nanoTime() - startNanos) * 1e-9;
  }

  SolverResult finish(Evaluation at, int iterations, Status status, String detail) {
    double gnorm = Vectors.norm(at.gradient());
    String message = switch (status) {
      case CONVERGED -> at.value() <= rule.targetObjective()
          ? String.format("reached the target objective %.15g", rule.targetObjective())
          : String.format("converged: |g| = %.3e <= %.1e * |g0| = %.3e", gnorm, rule.tolerance(),
              rule.tolerance() * initialGradientNorm);
      case MAX_ITERATIONS -> String.format("stopped after %d iterations with |g| = %.3e (target %.3e)", iterations,
          gnorm, rule.tolerance() * initialGradientNorm);
      default -> status.name().toLowerCase().replace('_', ' ') + (detail == null ? "" : ": " + detail);
    };
    return new SolverResult(solver, at.point(), status, message, iterations, passes(), at.value(), gnorm, seconds(),
        history);
  }
}
