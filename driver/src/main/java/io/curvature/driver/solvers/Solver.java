package io.curvature.driver.solvers;

import io.curvature.driver.objective.Objective;

/** A method that minimizes an objective from a starting point. Implementations keep no state between calls. */
public interface Solver {
  /** The name used on the command line and in reports. */
  String name();

  SolverResult minimize(Objective objective, double[] w0, IterationListener listener);
}
