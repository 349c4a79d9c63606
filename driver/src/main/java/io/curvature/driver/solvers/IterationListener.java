package io.curvature.driver.solvers;

/**
 * Receives every iteration, in order, on the solver's thread (progress lines, reports, checkpoints): the record
 * that goes into the history, then the full state a run could be resumed from.
 */
@FunctionalInterface
public interface IterationListener {
  IterationListener NONE = record -> { };

  void onIteration(IterationRecord record);

  /** The state after the iteration just recorded (checkpoints write it). */
  default void onState(SolverState state) {}
}
