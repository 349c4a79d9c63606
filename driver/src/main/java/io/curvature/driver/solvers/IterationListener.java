package io.curvature.driver.solvers;

import java.util.function.Supplier;

/**
 * Receives every iteration, in order, on the solver's thread (progress lines, reports, checkpoints): the record
 * that goes into the history, then the full state a run could be resumed from.
 */
@FunctionalInterface
public interface IterationListener {
  IterationListener NONE = record -> { };

  void onIteration(IterationRecord record);

  /**
   * The state after the iteration just recorded, built only if {@code state.get()} is called, during this call (it
   * copies the point and the method's memory: for L-BFGS at d = 10^6, 160 MB an iteration; checkpoints ask for it
   * every few iterations, progress lines never).
   */
  default void onState(int iteration, Supplier<SolverState> state) {}
}
