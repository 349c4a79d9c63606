package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;

/**
 * What distinguishes one line-search method from another ({@link LineSearchSolver} is the loop they share): the
 * curvature each evaluation needs, the direction at a point, the line search, and the memory carried between
 * iterations. One rule serves one run.
 */
interface DirectionRule {
  /** Makes the rule for one run on {@code objective}; throws {@link IllegalArgumentException} if it cannot apply. */
  @FunctionalInterface
  interface Factory {
    DirectionRule create(Objective objective);
  }

  /**
   * A search direction, the step to try first and the Hessian products it cost; {@code failure} names why there is
   * none (the loop stops with {@link Status#NUMERICAL_ERROR}).
   */
  record Direction(double[] vector, double initialStep, int cgIterations, String failure,
      io.curvature.driver.linalg.Tridiagonal lanczos) {
    static Direction of(double[] vector, double initialStep, int cgIterations) {
      return new Direction(vector, initialStep, cgIterations, null, null);
    }

    /** A direction from CG, with the Lanczos tridiagonal its coefficients built ({@link CgSpectrum}). */
    static Direction fromCg(double[] vector, double initialStep, int cgIterations,
        io.curvature.driver.linalg.Tridiagonal lanczos) {
      return new Direction(vector, initialStep, cgIterations, null, lanczos);
    }

    static Direction failed(String why) {
      return new Direction(null, 0, 0, why, null);
    }
  }

  /** The preconditioner its CG uses (NONE for rules without CG). */
  default Preconditioner.Kind preconditioner() {
    return Preconditioner.Kind.NONE;
  }

  /** What every evaluation must also compute (the accepted trial point carries it for the next direction). */
  Extra extra();

  LineSearch lineSearch();

  /** The direction at {@code at}; {@code initialStationarity} is the measure at the run's start (forcing terms). */
  Direction direction(Evaluation at, double initialStationarity);

  /** Takes in the accepted step from {@code from} to {@code to}. */
  void accept(Evaluation from, Evaluation to);

  /** Drops the memory; true if there was some (a failed search is then retried along a memoryless direction). */
  boolean forget();

  SolverState.Memory memory();

  void restore(SolverState.Memory memory);
}
