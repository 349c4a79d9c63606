package io.curvature.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.Preconditioner;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.Status;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import io.curvature.workers.SoftmaxLoss;
import org.junit.jupiter.api.Test;

/**
 * Where K d is moderate, the multinomial objective's sample Hessian (every sampled row's K x K curvature with its
 * features, K outer products a row) preconditions CG far better than the diagonal, on badly scaled features.
 */
class MultinomialPreconditionerTest {
  @Test
  void theSampleHessianBeatsTheDiagonal() {
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(91, 12000, 30, 0.4, 30.0, false, false),
        new SoftmaxLoss(5), 3);
    GlmObjective f = GlmProblem.of(new LocalBlockSums(m.csrBlocks(2)),
        new TrainingSpec(ModelKind.MULTINOMIAL, 1e-4, 0, true, false)).objective();
    StoppingRule rule = new StoppingRule(1e-8, 300);
    int[] cg = new int[2];
    double[] objective = new double[2];
    Preconditioner.Kind[] kinds = {Preconditioner.Kind.DIAGONAL, Preconditioner.Kind.SAMPLE_HESSIAN};
    for (int k = 0; k < 2; k++) {
      SolverResult r = Solvers.tron(rule, 0.1, 2000, kinds[k]).minimize(f, new double[f.dimension()],
          IterationListener.NONE);
      assertEquals(Status.CONVERGED, r.status(), kinds[k] + ": " + r.message());
      cg[k] = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
      objective[k] = r.objective();
    }
    assertEquals(objective[0], objective[1], 1e-9 * objective[0]);
    assertTrue(3 * cg[1] < cg[0], "CG steps: " + cg[0] + " diagonal, " + cg[1] + " sample Hessian");
  }
}
