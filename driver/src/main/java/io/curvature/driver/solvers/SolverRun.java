package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bookkeeping every solver shares: clock, pass count, history, the listener, the stopping rule, and the measure
 * of F and of stationarity (with the L1 part when the objective has one). Solvers never print.
 */
final class SolverRun {
  private final String solver;
  private final Objective objective;
  private final StoppingTest rule;
  private final IterationListener listener;
  private final double[] l1;
  private final long startNanos = System.nanoTime();
  private final long startPasses;
  private final long passesBefore;
  private final double secondsBefore;
  private final List<IterationRecord> history;
  private double initialStationarity;
  private CgSpectrum spectrum;
  private Preconditioner.Kind preconditioner = Preconditioner.Kind.NONE;
  private Evaluation measured;                       // the evaluation whose stationarity is kept below
  private double measuredStationarity;

  SolverRun(String solver, Objective objective, StoppingTest rule, IterationListener listener, SolverState from) {
    this.solver = solver;
    this.objective = objective;
    this.rule = rule;
    this.listener = listener;
    this.l1 = objective.l1Weights();
    this.startPasses = objective.passes();
    this.passesBefore = from.passes();
    this.secondsBefore = from.seconds();
    this.history = new ArrayList<>(from.history());
    this.initialStationarity = from.initialStationarity();
  }

  /** Records iteration 0 at a fresh start; a resumed run keeps the history it was given. */
  void begin(Evaluation start) {
    if (history.isEmpty()) {
      if (!(initialStationarity > 0)) {             // a warm start brings the reference scale of its own
        initialStationarity = stationarity(start);
      }
      record(0, start, 0.0, 0.0, 0);
    }
  }

  /**
   * A run that started at a stationary point (a saddle of a non-convex f: g = 0 exactly) has no reference for the
   * relative test; the first point off it becomes the reference.
   */
  void rebaseIfStartedStationary(Evaluation at) {
    if (initialStationarity == 0) {
      initialStationarity = stationarity(at);
    }
  }

  /** F = f + the L1 part. */
  double objectiveValue(Evaluation at) {
    return at.value() + L1.value(at.point(), l1);
  }

  /** ||g||, or the norm of the minimum-norm subgradient with an L1 part. */
  double stationarity(Evaluation at) {
    if (at != measured) {                            // asked again by record, check and the state: a d-sweep each
      measuredStationarity = L1.stationarity(at.point(), at.gradient(), l1);
      measured = at;
    }
    return measuredStationarity;
  }

  double initialStationarity() {
    return initialStationarity;
  }

  void record(int iteration, Evaluation at, double stepNorm, double stepSize, int cgIterations) {
    IterationRecord r = new IterationRecord(iteration, objectiveValue(at), stationarity(at), stepNorm, stepSize,
        cgIterations, passes(), seconds());
    history.add(r);
    listener.onIteration(r);
  }

  /** Sends the state after the iteration just recorded. */
  void publish(int iteration, Evaluation at, Supplier<SolverState.Memory> memory) {
    listener.onState(iteration, () -> state(iteration, at, memory.get()));
  }

  SolverState state(int iteration, Evaluation at, SolverState.Memory memory) {
    return new SolverState(solver, iteration, at.point(), objectiveValue(at), stationarity(at), initialStationarity,
        passes(), seconds(), memory, history);
  }

  Optional<Stop> check(int iteration, Evaluation at) {
    return rule.check(new Progress(iteration, objectiveValue(at), stationarity(at), initialStationarity,
        Vectors.norm(at.point())));
  }

  /** The preconditioner the run's CG uses (a resolved kind): the result names it. */
  void usePreconditioner(Preconditioner.Kind kind) {
    preconditioner = kind;
  }

  /** Keeps the eigenvalue estimates of a subproblem's CG (the result carries the last ones). */
  void noteCg(io.curvature.driver.linalg.Tridiagonal lanczos, Preconditioner.Kind preconditioner, int iteration) {
    if (lanczos != null) {
      spectrum = CgSpectrum.of(lanczos, Preconditioner.name(preconditioner), iteration);
    }
  }

  long passes() {
    return passesBefore + objective.passes() - startPasses;
  }

  double seconds() {
    return secondsBefore + (System.nanoTime() - startNanos) * 1e-9;
  }

  /** Names the passes that follow, for the Spark UI. */
  void describe(int iteration) {
    objective.describe(solver + " iteration " + (iteration + 1));
  }

  SolverResult finish(Evaluation at, int iterations, Stop stop) {
    return new SolverResult(solver, at.point(), stop.status(), stop.reason(), iterations, passes(),
        objectiveValue(at), stationarity(at), seconds(), history, spectrum, Preconditioner.name(preconditioner));
  }

  SolverResult finish(Evaluation at, int iterations, Status status, String detail) {
    return finish(at, iterations, new Stop(status,
        status.name().toLowerCase().replace('_', ' ') + (detail == null ? "" : ": " + detail)));
  }
}
