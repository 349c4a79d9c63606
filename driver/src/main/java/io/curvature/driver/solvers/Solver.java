package io.curvature.driver.solvers;

import io.curvature.driver.objective.Objective;

/** A method that minimizes an objective. Implementations keep no state between calls. */
public interface Solver {
  /** The name used on the command line and in reports. */
  String name();

  /** Minimizes from {@code w0}. */
  default SolverResult minimize(Objective objective, double[] w0, IterationListener listener) {
    return minimize(objective, SolverState.start(w0), listener);
  }

  /**
   * Goes on from {@code from}: a fresh start ({@link SolverState#start}) or a state an earlier run of the same
   * solver published, which it continues exactly as that run would have.
   */
  SolverResult minimize(Objective objective, SolverState from, IterationListener listener);
}
