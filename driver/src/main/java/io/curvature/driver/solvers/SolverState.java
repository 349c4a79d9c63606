package io.curvature.driver.solvers;

import java.util.List;

/**
 * Everything a solver needs to go on from where it is, after an iteration: the point, the counts, the history and
 * the method's memory. It is what listeners receive, what a checkpoint writes and what a resumed run starts from; a
 * run resumed from a state makes the same steps, bit for bit, as the run that produced it would have.
 *
 * @param solver              the solver's name
 * @param iteration           iterations completed
 * @param point               the current point
 * @param objective           F there (with its L1 part)
 * @param stationarity        ||g||, or the minimum-norm subgradient's norm with L1
 * @param initialStationarity the same at the starting point (relative stopping tests need it)
 * @param passes              passes over the data so far
 * @param seconds             solver time so far
 * @param memory              what the method carries from one iteration to the next
 * @param history             one record per iteration so far, iteration 0 first
 */
public record SolverState(String solver, int iteration, double[] point, double objective, double stationarity,
    double initialStationarity, long passes, double seconds, Memory memory, List<IterationRecord> history) {
  public SolverState {
    point = point.clone();
    history = List.copyOf(history);
  }

  @Override
  public double[] point() {
    return point.clone();
  }

  /** The state before the first evaluation at {@code w0}: nothing done, no memory. */
  public static SolverState start(double[] w0) {
    return new SolverState("", 0, w0, Double.NaN, Double.NaN, Double.NaN, 0, 0.0, new None(), List.of());
  }

  /**
   * A fresh start at {@code w0} whose stopping test measures stationarity against {@code reference} rather than
   * against w0's: a warm start from yesterday's model begins near the optimum, and a tolerance relative to its small
   * gradient would ask for far more than the same run from zero.
   */
  public static SolverState warm(double[] w0, double reference) {
    return new SolverState("", 0, w0, Double.NaN, Double.NaN, reference, 0, 0.0, new None(), List.of());
  }

  /** Whether this is a fresh start rather than a state reached by an earlier run. */
  public boolean fresh() {
    return history.isEmpty();
  }

  /** A method's memory between iterations. */
  public sealed interface Memory permits None, QuasiNewton, TrustRegion {}

  /** Newton-type line-search methods carry nothing. */
  public record None() implements Memory {}

  /**
   * L-BFGS and OWL-QN: the correction pairs (s, y), oldest first; the point whose Hessian diagonal scales H0 (null
   * when none is in use) and the steps accepted so far, which decide when that diagonal is next refreshed, so that a
   * resumed run scales by the same one.
   */
  public record QuasiNewton(List<double[]> s, List<double[]> y, double[] scalingPoint, int steps) implements Memory {
    public QuasiNewton {
      s = s.stream().map(double[]::clone).toList();
      y = y.stream().map(double[]::clone).toList();
      scalingPoint = scalingPoint == null ? null : scalingPoint.clone();
    }

    /** Pairs only: no diagonal in use, the schedule at its start. */
    public QuasiNewton(List<double[]> s, List<double[]> y) {
      this(s, y, null, 0);
    }
  }

  /**
   * Trust-region Newton after an accepted step: the radius, and the point whose dense preconditioner is in use (null
   * when the preconditioner is rebuilt at every point), so that a resumed run rebuilds the same one; and what decides
   * when the dense preconditioner is rebuilt: the CG steps of the first subproblem it preconditioned (-1 before that
   * one) and the CG steps beyond those spent since. (A state is published only after an accepted step, so the first
   * step, which sets the radius, is behind it and no CG steps of rejected steps are pending.)
   */
  public record TrustRegion(double radius, double[] preconditionerPoint, int cgBaseline, int cgExcess)
      implements Memory {
    public TrustRegion {
      preconditionerPoint = preconditionerPoint == null ? null : preconditionerPoint.clone();
    }

    /** A state with no rebuild decision under way (a preconditioner not yet tried). */
    public TrustRegion(double radius, double[] preconditionerPoint) {
      this(radius, preconditionerPoint, -1, 0);
    }
  }
}
