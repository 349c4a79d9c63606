package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;

/**
 * What L-BFGS and OWL-QN share: the last m pairs (s, y) of accepted steps, kept from differences of the smooth
 * gradient, dropped on a restart, and saved into and restored from a checkpoint's solver state; and the Hessian
 * diagonal D that scales their H0.
 *
 * <p>D is refreshed on a schedule, not at every point: at the start, after 1, 2, 4, 8 and 16 accepted steps, then
 * every 16th. Any positive D gives a positive definite H0 and gamma = s.y / y.D^-1.y rescales it at every step, so a
 * D a few steps old scales the features nearly as well: L-BFGS made about as many passes (Fashion-MNIST binary to
 * 1e-5: 419 against 417 with D at every point) or fewer (10^5 x 10^6 sparse to 1e-9: 50 against 55). A pass that
 * computes D costs more: on dense rows the squares are as much arithmetic again as the gradient, and on wide data the
 * partial carries a second d-vector to send and merge (value+gradient 80 ms against 95 with D at d = 10^6). The
 * evaluations between refreshes ask for no diagonal: the line search asks {@link #extra} at every trial.
 */
abstract class PairsDirection implements DirectionRule {
  /** Refreshes of D at 1, 2, 4, ... accepted steps up to this many, then every this many. */
  static final int SCALING_REFRESH = 16;

  protected final LbfgsDirection.Pairs pairs;
  private final Objective objective;
  private final boolean diagonalScaling;
  /** D in use (zeros replaced, see {@link LbfgsDirection#safeDiagonal}), null before the first direction. */
  private double[] scaling;
  /** Where D was taken (a checkpoint keeps it), null when none was. */
  private double[] scalingPoint;
  /** Steps accepted so far (by this run and the runs it resumes). */
  private int steps;
  /** Between a direction and its accepted step: the evaluations are candidates for the next point. */
  private boolean searching;

  PairsDirection(Objective objective, int memory, boolean diagonalScaling) {
    this.pairs = new LbfgsDirection.Pairs(memory);
    this.objective = objective;
    this.diagonalScaling = diagonalScaling;
  }

  /** Whether D is refreshed at the point reached after {@code accepted} steps. */
  static boolean refreshDue(int accepted) {
    return accepted <= SCALING_REFRESH ? (accepted & (accepted - 1)) == 0 : accepted % SCALING_REFRESH == 0;
  }

  /**
   * Whether the direction after {@code accepted} steps takes D from its own point: on the schedule, or when there is
   * no D to go on from (a state saved without its point). What the evaluations ask for and what the direction reads
   * both follow it, so the point's evaluation carries D whenever the direction takes it.
   */
  private boolean refreshesAt(int accepted) {
    return refreshDue(accepted) || (scaling == null && scalingPoint == null);
  }

  /** The diagonal when the point an evaluation is made for refreshes D; else nothing beyond the value and gradient. */
  @Override
  public final Extra extra() {
    return diagonalScaling && refreshesAt(searching ? steps + 1 : steps) ? Extra.DIAGONAL : Extra.NONE;
  }

  @Override
  public final Direction direction(Evaluation at, double initialStationarity) {
    searching = true;
    return direction(at, scaling(at));
  }

  /** The direction at {@code at} with H0 scaled by {@code scaling} (null: gamma I). */
  protected abstract Direction direction(Evaluation at, double[] scaling);

  /** D for the direction at {@code at}: refreshed there when due, else the one in use (recomputed after a resume). */
  private double[] scaling(Evaluation at) {
    if (!diagonalScaling) {
      return null;
    }
    if (refreshesAt(steps)) {
      scaling = LbfgsDirection.safeDiagonal(at.hessianDiagonal());
      scalingPoint = at.point();
    } else if (scaling == null) {
      // Resumed between refreshes: the same D as the run that saved the state, at the point it was taken.
      scaling = LbfgsDirection.safeDiagonal(objective.evaluate(scalingPoint, Extra.DIAGONAL).hessianDiagonal());
    }
    return scaling;
  }

  @Override
  public void accept(Evaluation from, Evaluation to) {
    pairs.addStep(to.point(), from.point(), to.gradient(), from.gradient());
    steps++;
    searching = false;
  }

  @Override
  public boolean forget() {
    boolean had = pairs.size() > 0;
    pairs.clear();
    return had;
  }

  @Override
  public SolverState.Memory memory() {
    return pairs.memory(scalingPoint, steps);
  }

  @Override
  public void restore(SolverState.Memory memory) {
    pairs.restore(memory);
    if (memory instanceof SolverState.QuasiNewton q) {
      scalingPoint = q.scalingPoint();
      steps = q.steps();
    }
  }
}
