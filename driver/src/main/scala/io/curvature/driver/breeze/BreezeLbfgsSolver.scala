package io.curvature.driver.breeze

import breeze.linalg.{norm, DenseVector}
import breeze.optimize.{FirstOrderMinimizer, LBFGS}
import io.curvature.driver.objective.Objective
import io.curvature.driver.solvers.{IterationListener, IterationRecord, Progress, SolverResult, SolverState,
  Solver, Status, StoppingRule}

/**
 * Breeze's LBFGS (the optimizer MLlib uses) on Curvature's data path: the objective's value and gradient come from
 * the distributed passes through [[BreezeAdapter.asDiffFunction]], Breeze chooses the steps. Curvature's stopping
 * rule decides when to stop (Breeze's own tests are off but its budget and a failed line search), and the result and
 * history are Curvature's, so the benchmark separates what the data path and the solver each contribute.
 *
 * Breeze keeps its own memory: a run cannot be resumed from a Curvature state, only restarted from its point.
 */
final class BreezeLbfgsSolver(rule: StoppingRule, memory: Int) extends Solver {
  def this(rule: StoppingRule) = this(rule, 10)

  override def name(): String = "breeze-lbfgs"

  override def minimize(objective: Objective, from: SolverState, listener: IterationListener): SolverResult = {
    require(objective.l1Weights() == null || objective.l1Weights().forall(_ == 0.0),
      "breeze-lbfgs cannot minimize an L1 penalty (elastic net > 0): use owlqn, prox-newton or auto")
    val start = System.nanoTime()
    val passesBefore = objective.passes()
    val check = FirstOrderMinimizer.maxIterationsReached[DenseVector[Double]](rule.maxIterations()) ||
      FirstOrderMinimizer.searchFailed[DenseVector[Double]]
    val lbfgs = new LBFGS[DenseVector[Double]](check, memory)
    val history = new java.util.ArrayList[IterationRecord]()
    val states = lbfgs.iterations(BreezeAdapter.asDiffFunction(objective), DenseVector(from.point()))
    // a warm start brings the reference scale of its own (the start of the run it continues), as Curvature's solvers
    var initialNorm = if (from.initialStationarity() > 0) from.initialStationarity() else Double.NaN
    var previous: Option[DenseVector[Double]] = None
    var last: FirstOrderMinimizer.State[DenseVector[Double], _, _] = null
    var status: Status = null
    var reason = ""
    while (status == null && states.hasNext) {
      val state = states.next()
      last = state
      val gnorm = norm(state.grad)
      if (state.iter == 0 && !(initialNorm > 0)) initialNorm = gnorm
      val step = previous.map(p => norm(state.x - p)).getOrElse(0.0)
      previous = Some(state.x.copy)
      val record = new IterationRecord(state.iter, state.value, gnorm, step, 0.0, 0,
        objective.passes() - passesBefore, (System.nanoTime() - start) * 1e-9)
      history.add(record)
      listener.onIteration(record)
      val stop = rule.check(new Progress(state.iter, state.value, gnorm, initialNorm, norm(state.x)))
      if (stop.isPresent) {
        status = stop.get.status()
        reason = stop.get.reason()
      } else if (state.searchFailed) {
        status = Status.LINE_SEARCH_FAILED
        reason = "line search failed: Breeze's line search found no step"
      } else if (state.iter >= rule.maxIterations()) {
        status = Status.MAX_ITERATIONS
        reason = s"stopped after ${state.iter} iterations with |g| = $gnorm"
      }
    }
    if (status == null) {
      status = Status.MAX_ITERATIONS
      reason = "Breeze stopped: " + last.convergenceReason.map(_.reason).getOrElse("no reason given")
    }
    new SolverResult(name(), last.x.toArray, status, reason, last.iter, objective.passes() - passesBefore,
      last.value, norm(last.grad), (System.nanoTime() - start) * 1e-9, history)
  }
}
