package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.LogisticObjective;
import io.curvature.workers.RandomProblems;
import org.junit.jupiter.api.Test;

class SolverBehaviourTest {
  private static LogisticObjective objective() {
    return new LogisticObjective(
        new LocalBlockSums(RandomProblems.matrix(7, 300, 30, 0.3, 100.0, false, false).csrBlocks(2)), 1e-4, true);
  }

  @Test
  void aSpentBudgetIsAStatusNotAnException() {
    for (String name : Solvers.NAMES.subList(0, 4)) {
      LogisticObjective f = objective();
      SolverResult r = Solvers.create(name, new StoppingRule(1e-12, 2)).minimize(f, new double[f.dimension()],
          IterationListener.NONE);
      assertEquals(Status.MAX_ITERATIONS, r.status(), name);
      assertEquals(2, r.iterations(), name);
      assertTrue(r.message().contains("2 iterations"), r.message());
    }
  }

  @Test
  void tronSpendsOnePassPerTrialPointAndOnePerCgStep() {
    LogisticObjective f = objective();
    SolverResult r = new TrustRegionNewton(new StoppingRule(1e-8, 100)).minimize(f, new double[f.dimension()],
        IterationListener.NONE);
    int cg = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
    // one pass at w0, one per accepted step, the rest are CG products and rejected trial points
    assertTrue(r.passes() >= 1 + r.iterations() + cg, "passes " + r.passes());
    assertTrue(r.passes() <= 1 + r.iterations() + cg + 5, "too many rejected steps: passes " + r.passes());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = Preconditioner.Kind.class)
  void everyPreconditionerReachesTheSameOptimumAndTheSampleHessianNeedsFewestCgSteps(Preconditioner.Kind kind) {
    LogisticObjective f = new LogisticObjective(
        new LocalBlockSums(RandomProblems.matrix(8, 20000, 40, 0.3, 30.0, false, false).csrBlocks(2)), 1e-4, true);
    StoppingRule rule = new StoppingRule(1e-8, 200);
    SolverResult reference = new ExactNewton(rule).minimize(f, new double[f.dimension()], IterationListener.NONE);
    SolverResult r = new TrustRegionNewton(rule, 0.1, 1000, kind).minimize(f, new double[f.dimension()],
        IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), kind + ": " + r.message());
    assertEquals(reference.objective(), r.objective(), 1e-10 * reference.objective());
    int cg = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
    if (kind == Preconditioner.Kind.SAMPLE_HESSIAN || kind == Preconditioner.Kind.AUTO) {
      SolverResult diagonal = new TrustRegionNewton(rule, 0.1, 1000, Preconditioner.Kind.DIAGONAL)
          .minimize(f, new double[f.dimension()], IterationListener.NONE);
      int cgDiagonal = diagonal.history().stream().mapToInt(IterationRecord::cgIterations).sum();
      assertTrue(2 * cg < cgDiagonal, "sample Hessian: " + cg + " CG steps, diagonal: " + cgDiagonal);
      assertTrue(r.passes() < diagonal.passes(), r.passes() + " passes against " + diagonal.passes());
    }
  }

  @Test
  void invalidSettingsAreRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StoppingRule(0, 10));
    assertTrue(e.getMessage().contains("tolerance is 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StoppingRule(1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> Solvers.create("sgd", new StoppingRule(1e-6, 10)));
    LogisticObjective f = objective();
    assertThrows(IllegalArgumentException.class, () -> f.evaluate(new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> new ExactNewton(new StoppingRule(1e-6, 10), 5).minimize(f, new double[f.dimension()],
            IterationListener.NONE));
  }
}
