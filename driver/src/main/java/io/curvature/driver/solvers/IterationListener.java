package io.curvature.driver.solvers;

/** Receives every iteration record, in order, on the solver's thread (progress lines, reports, checkpoints). */
@FunctionalInterface
public interface IterationListener {
  IterationListener NONE = record -> { };

  void onIteration(IterationRecord record);
}
