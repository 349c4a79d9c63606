package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.io.Checkpoints;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.Objective;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS scales H0 by a Hessian diagonal refreshed at the start, after 1, 2, 4, 8 and 16 steps, then every 16th
 * ({@link PairsDirection}): only the evaluations made for those points ask for it, the run reaches the reference
 * solution, and a run resumed between refreshes scales by the same diagonal as the uninterrupted one.
 */
class DiagonalScalingRefreshTest {
  /** Features scaled over four orders of magnitude and a small lambda: the diagonal scaling matters here. */
  private static GlmObjective objective() {
    return GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(17, 3000, 200, 0.3, 1e4, false, false).csrBlocks(2)), 1e-4, true);
  }

  /** Records what every evaluation asked for, where each iteration's evaluations end, and the solver's states. */
  static final class Recording extends RecordingObjective implements IterationListener {
    /** Evaluations made by the end of iteration k (k = 0: the start's). */
    final List<Integer> ends = new ArrayList<>();
    final List<SolverState> states = new ArrayList<>();

    Recording(Objective f) {
      super(f);
    }

    @Override
    public void onIteration(IterationRecord record) {
      ends.add(asked.size());
    }

    @Override
    public void onState(int iteration, Supplier<SolverState> state) {
      states.add(state.get());
    }
  }

  @Test
  void theScheduleRefreshesAtPowersOfTwoThenEverySixteenthStep() {
    List<Integer> due = IntStream.range(0, 70).filter(PairsDirection::refreshDue).boxed().toList();
    assertEquals(List.of(0, 1, 2, 4, 8, 16, 32, 48, 64), due);
  }

  @Test
  void onlyTheEvaluationsForARefreshPointAskForTheDiagonal() {
    Recording f = new Recording(objective());
    SolverResult r = Solvers.create("lbfgs", new StoppingRule(1e-10, 500)).minimize(f, new double[f.dimension()], f);
    assertEquals(Status.CONVERGED, r.status(), r.message());
    assertTrue(r.iterations() > 40, "long enough to pass several refreshes: " + r.iterations());
    assertEquals(r.iterations() + 1, f.ends.size());
    assertEquals(List.of(Extra.DIAGONAL), f.asked.subList(0, f.ends.get(0)));
    int diagonals = 0;
    for (int k = 1; k < f.ends.size(); k++) {
      // The line search of iteration k evaluates candidates for the point after k steps.
      Extra expected = PairsDirection.refreshDue(k) ? Extra.DIAGONAL : Extra.NONE;
      for (Extra e : f.asked.subList(f.ends.get(k - 1), f.ends.get(k))) {
        assertEquals(expected, e, "iteration " + k);
        diagonals += e == Extra.DIAGONAL ? 1 : 0;
      }
    }
    assertTrue(diagonals < r.passes() / 4, diagonals + " diagonal passes of " + r.passes());

    // The same minimum as exact Newton's (Cholesky); L-BFGS with no diagonal at all is still far from it after as
    // many iterations again: the diagonal, stale most of the time, is doing the work.
    Objective g = objective();
    SolverResult newton = Solvers.create("newton", new StoppingRule(1e-12, 100)).minimize(g, new double[g.dimension()],
        IterationListener.NONE);
    assertEquals(newton.objective(), r.objective(), 1e-12 * Math.abs(newton.objective()));
    assertArrayEquals(newton.w(), r.w(), 1e-5 * max(newton.w()));
    Objective h = objective();
    SolverResult plain = Solvers.lbfgs(new StoppingRule(1e-10, 2 * r.iterations()), LbfgsDirection.DEFAULT_MEMORY,
        false).minimize(h, new double[h.dimension()], IterationListener.NONE);
    assertTrue(plain.objective() > newton.objective() + 1e-3, "unscaled: " + plain.objective());
  }

  @Test
  void aRunResumedBetweenRefreshesScalesByTheSameDiagonal() {
    StoppingRule rule = new StoppingRule(1e-10, 500);
    Recording whole = new Recording(objective());
    SolverResult r = Solvers.create("lbfgs", rule).minimize(whole, new double[whole.dimension()], whole);
    int resumed = 0;
    for (SolverState s : whole.states) {
      SolverState.QuasiNewton q = (SolverState.QuasiNewton) s.memory();
      assertEquals(s.iteration(), q.steps());
      assertNotNull(q.scalingPoint());
      if (PairsDirection.refreshDue(s.iteration()) || s.iteration() % 3 != 0) {
        continue;                                  // due: the resumed run's first point carries a fresh diagonal
      }
      SolverState back = Checkpoints.of(s, "settings", "data").state();
      assertArrayEquals(q.scalingPoint(), ((SolverState.QuasiNewton) back.memory()).scalingPoint());
      Recording part = new Recording(objective());
      SolverResult rest = Solvers.create("lbfgs", rule).minimize(part, back, IterationListener.NONE);
      assertArrayEquals(r.w(), rest.w(), "resumed at iteration " + s.iteration());
      assertEquals(r.iterations(), rest.iterations());
      // Its start asks for value and gradient only; the diagonal is recomputed where the saved one was taken.
      assertEquals(List.of(Extra.NONE, Extra.DIAGONAL), part.asked.subList(0, 2));
      assertArrayEquals(q.scalingPoint(), part.points.get(1));
      resumed++;
    }
    assertTrue(resumed >= 5, resumed + " resumes between refreshes");
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
