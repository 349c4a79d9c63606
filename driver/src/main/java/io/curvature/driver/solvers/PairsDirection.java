package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;

/**
 * What L-BFGS and OWL-QN share: the last m pairs (s, y) of accepted steps, kept from differences of the smooth
 * gradient, dropped on a restart, and saved into and restored from a checkpoint's solver state.
 */
abstract class PairsDirection implements DirectionRule {
  protected final LbfgsDirection.Pairs pairs;

  PairsDirection(int memory) {
    this.pairs = new LbfgsDirection.Pairs(memory);
  }

  @Override
  public void accept(Evaluation from, Evaluation to) {
    pairs.addStep(to.point(), from.point(), to.gradient(), from.gradient());
  }

  @Override
  public boolean forget() {
    boolean had = pairs.size() > 0;
    pairs.clear();
    return had;
  }

  @Override
  public SolverState.Memory memory() {
    return pairs.memory();
  }

  @Override
  public void restore(SolverState.Memory memory) {
    pairs.restore(memory);
  }
}
