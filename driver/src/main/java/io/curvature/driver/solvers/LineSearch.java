package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;

/** Finds a step along a descent direction; each trial point is one value+gradient pass. */
interface LineSearch {
  /**
   * Outcome: the point reached and its step length; {@code wolfe} false means only sufficient decrease holds,
   * {@code evaluation} null means no decrease was found at all.
   */
  record Result(Evaluation evaluation, double alpha, boolean wolfe, int evaluations) {
    boolean found() {
      return evaluation != null;
    }
  }

  /** Searches along {@code direction} from {@code start}, trying {@code initialAlpha} first. */
  Result search(Evaluation start, double[] direction, double initialAlpha);
}
