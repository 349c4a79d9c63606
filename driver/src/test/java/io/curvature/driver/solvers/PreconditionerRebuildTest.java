package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.io.Checkpoints;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.Objective;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tron keeps its sample-Hessian preconditioner while the subproblems it preconditions stay cheap: it asks for a new
 * one (the Gram summed in the trial point's pass) only once the CG steps spent beyond those the preconditioner needed
 * when new exceed what a rebuild costs in passes ({@link Objective#sampleHessianRebuildPasses()}).
 */
class PreconditionerRebuildTest {
  /** Badly scaled features and a small lambda: the curvature weights change along the path, as on Fashion-MNIST. */
  private static GlmObjective objective() {
    return GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(8, 20000, 40, 0.3, 30.0, false, false).csrBlocks(2)), 1e-6, true);
  }

  @Test
  void rebuildsOnlyWhenTheExtraCgStepsWouldHavePaidForIt() {
    RecordingObjective f = new RecordingObjective(objective());
    StoppingRule rule = new StoppingRule(1e-10, 200);
    SolverResult r = Solvers.tron(rule, 0.1, 1000, Preconditioner.Kind.SAMPLE_HESSIAN)
        .minimize(f, new double[f.dimension()], IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), r.message());
    RecordingObjective g = new RecordingObjective(objective());
    SolverResult reference = Solvers.create("newton", rule).minimize(g, new double[g.dimension()],
        IterationListener.NONE);
    assertEquals(reference.objective(), r.objective(), 1e-12 * reference.objective());
    // No rejected step here: every accepted iteration solved one subproblem, and the rule replays from the history.
    int cg = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
    assertEquals(1 + r.iterations() + cg, r.passes());
    int grams = 1;                                     // the start's
    int baseline = -1;
    int excess = 0;
    for (IterationRecord h : r.history().subList(1, r.history().size())) {
      if (baseline < 0) {
        baseline = h.cgIterations();
      }
      excess += Math.max(0, h.cgIterations() - baseline);
      if (excess > f.sampleHessianRebuildPasses()) {
        grams++;
        baseline = -1;
        excess = 0;
      }
    }
    int rebuilds = f.count(Extra.SAMPLE_HESSIAN);
    assertEquals(grams, rebuilds);
    assertTrue(rebuilds >= 2 && rebuilds < r.iterations() / 2, rebuilds + " rebuilds in " + r.iterations());
  }

  @Test
  void aResumedRunRebuildsWhereTheUninterruptedOneDoes() {
    StoppingRule rule = new StoppingRule(1e-10, 200);
    RecordingObjective whole = new RecordingObjective(objective());
    List<SolverState> states = new ArrayList<>();
    SolverResult r = Solvers.tron(rule, 0.1, 1000, Preconditioner.Kind.SAMPLE_HESSIAN)
        .minimize(whole, new double[whole.dimension()], new IterationListener() {
          @Override
          public void onIteration(IterationRecord record) {}

          @Override
          public void onState(int iteration, java.util.function.Supplier<SolverState> state) {
            states.add(state.get());
          }
        });
    // Resume from every state in the middle of a rebuild decision (the preconditioner kept from an earlier point,
    // excess CG steps counted), through the checkpoint's record.
    int resumed = 0;
    for (SolverState s : states) {
      SolverState.TrustRegion tr = (SolverState.TrustRegion) s.memory();
      if (tr.cgExcess() == 0 || java.util.Arrays.equals(tr.preconditionerPoint(), s.point())) {
        continue;
      }
      SolverState back = Checkpoints.of(s, "settings", "data").state();
      assertEquals(tr.cgBaseline(), ((SolverState.TrustRegion) back.memory()).cgBaseline());
      assertEquals(tr.cgExcess(), ((SolverState.TrustRegion) back.memory()).cgExcess());
      RecordingObjective part = new RecordingObjective(objective());
      SolverResult rest = Solvers.tron(rule, 0.1, 1000, Preconditioner.Kind.SAMPLE_HESSIAN)
          .minimize(part, back, IterationListener.NONE);
      assertArrayEquals(r.w(), rest.w(), "resumed at iteration " + s.iteration());
      assertEquals(r.iterations(), rest.iterations());
      assertEquals(r.history().stream().map(IterationRecord::cgIterations).toList(),
          rest.history().stream().map(IterationRecord::cgIterations).toList());
      resumed++;
    }
    assertTrue(resumed > 0, "no state in the middle of a rebuild decision");
  }
}
