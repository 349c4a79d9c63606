package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.workers.RandomProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolverBehaviourTest {
  private static GlmObjective objective() {
    return GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(7, 300, 30, 0.3, 100.0, false, false).csrBlocks(2)), 1e-4, true);
  }

  @Test
  void aSpentBudgetIsAStatusNotAnException() {
    for (String name : Solvers.NAMES.subList(0, 4)) {
      GlmObjective f = objective();
      SolverResult r = Solvers.create(name, new StoppingRule(1e-12, 2)).minimize(f, new double[f.dimension()],
          IterationListener.NONE);
      assertEquals(Status.MAX_ITERATIONS, r.status(), name);
      assertEquals(2, r.iterations(), name);
      assertTrue(r.message().contains("2 iterations"), r.message());
    }
  }

  @Test
  void tronSpendsOnePassPerTrialPointAndOnePerCgStep() {
    GlmObjective f = objective();
    SolverResult r = new TrustRegionSolver(new StoppingRule(1e-8, 100)).minimize(f, new double[f.dimension()],
        IterationListener.NONE);
    int cg = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
    // one pass at w0, one per accepted step, the rest are CG products and rejected trial points
    assertTrue(r.passes() >= 1 + r.iterations() + cg, "passes " + r.passes());
    assertTrue(r.passes() <= 1 + r.iterations() + cg + 5, "too many rejected steps: passes " + r.passes());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = Preconditioner.Kind.class)
  void everyPreconditionerReachesTheSameOptimumAndTheSampleHessianNeedsFewestCgSteps(Preconditioner.Kind kind) {
    GlmObjective f = GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(8, 20000, 40, 0.3, 30.0, false, false).csrBlocks(2)), 1e-4, true);
    StoppingRule rule = new StoppingRule(1e-8, 200);
    SolverResult reference = Solvers.create("newton", rule).minimize(f, new double[f.dimension()], IterationListener.NONE);
    SolverResult r = Solvers.tron(rule, 0.1, 1000, kind).minimize(f, new double[f.dimension()],
        IterationListener.NONE);
    assertEquals(Status.CONVERGED, r.status(), kind + ": " + r.message());
    assertEquals(reference.objective(), r.objective(), 1e-10 * reference.objective());
    int cg = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
    if (kind == Preconditioner.Kind.SAMPLE_HESSIAN || kind == Preconditioner.Kind.AUTO) {
      SolverResult diagonal = Solvers.tron(rule, 0.1, 1000, Preconditioner.Kind.DIAGONAL)
          .minimize(f, new double[f.dimension()], IterationListener.NONE);
      int cgDiagonal = diagonal.history().stream().mapToInt(IterationRecord::cgIterations).sum();
      assertTrue(cg < cgDiagonal, "sample Hessian: " + cg + " CG steps, diagonal: " + cgDiagonal);
      assertTrue(r.passes() < diagonal.passes(), r.passes() + " passes against " + diagonal.passes());
    }
  }

  /**
   * LIBLINEAR's diagonal preconditioner mixes diag(H) with the regularizer's Hessian (its identity). Mixed with the
   * identity in MLlib's scaling, where the regularizer's Hessian is lambda I, it was nearly the identity for small
   * lambda and saved no CG steps on badly scaled features; mixed with lambda it cuts them several times.
   */
  @Test
  void theDiagonalPreconditionerCutsCgStepsOnBadlyScaledFeatures() {
    GlmObjective f = GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(12, 5000, 40, 0.3, 1e3, false, false).csrBlocks(2)), 1e-5, true);
    StoppingRule rule = new StoppingRule(1e-6, 300);
    int[] steps = new int[2];
    Preconditioner.Kind[] kinds = {Preconditioner.Kind.NONE, Preconditioner.Kind.DIAGONAL};
    for (int k = 0; k < 2; k++) {
      SolverResult r = Solvers.tron(rule, 0.1, 5000, kinds[k]).minimize(f, new double[f.dimension()],
          IterationListener.NONE);
      assertEquals(Status.CONVERGED, r.status(), kinds[k] + ": " + r.message());
      steps[k] = r.history().stream().mapToInt(IterationRecord::cgIterations).sum();
    }
    assertTrue(3 * steps[1] < steps[0], "CG steps: " + steps[0] + " plain, " + steps[1] + " diagonal");
  }

  /**
   * lambda = 0 with a feature no row uses: its Hessian diagonal is 0, which L-BFGS's diagonal scaling divided by
   * (0/0 = NaN on the first step). Every solver must converge and leave that coefficient at 0.
   */
  @Test
  void zeroRegularizationWithAnEmptyColumnConverges() {
    RandomProblems.Matrix m = RandomProblems.matrix(21, 3000, 12, 0.5, 1.0, false, false);
    double[] data = m.data().clone();
    for (int i = 0; i < m.rows(); i++) {
      data[i * m.cols() + 5] = 0.0;
    }
    RandomProblems.Matrix empty = new RandomProblems.Matrix(m.rows(), m.cols(), data, m.labels(), null);
    GlmObjective f = GlmObjective.logistic(new LocalBlockSums(empty.csrBlocks(2)), 0.0, true);
    for (String name : List.of("lbfgs", "tron", "newton-cg", "newton", "owlqn")) {
      SolverResult r = Solvers.create(name, new StoppingRule(1e-8, 500)).minimize(f, new double[f.dimension()],
          IterationListener.NONE);
      assertEquals(Status.CONVERGED, r.status(), name + ": " + r.message());
      assertEquals(0.0, r.w()[5], 0.0, name);
    }
  }

  /** An unbounded objective (a linear function): every solver stops on the point-norm guard, not at infinity. */
  @Test
  void runawayCoefficientsStopAsDiverged() {
    io.curvature.driver.objective.Objective linear = new io.curvature.driver.objective.Objective() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public io.curvature.driver.objective.Evaluation evaluate(double[] w, io.curvature.driver.objective.Extra e) {
        double[] point = w.clone();
        return new io.curvature.driver.objective.Evaluation() {
          @Override
          public double[] point() {
            return point;
          }

          @Override
          public double value() {
            return -point[0] - 0.5 * point[1];
          }

          @Override
          public double[] gradient() {
            return new double[] {-1, -0.5};
          }

          @Override
          public void hessianVector(double[] v, double[] out) {
            out[0] = 0;
            out[1] = 0;
          }

          @Override
          public double[] hessianDiagonal() {
            return new double[] {1e-12, 1e-12};
          }
        };
      }

      @Override
      public long passes() {
        return 0;
      }
    };
    for (String name : List.of("lbfgs", "tron")) {
      SolverResult r = Solvers.create(name, new StoppingRule(1e-8, 100_000)).minimize(linear, new double[2],
          IterationListener.NONE);
      assertTrue(r.status() == Status.DIVERGED || r.status() == Status.UNBOUNDED, name + ": " + r.status() + " "
          + r.message());
    }
  }

  @Test
  void invalidSettingsAreRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StoppingRule(0, 10));
    assertTrue(e.getMessage().contains("tolerance is 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StoppingRule(1e-6, 0));
    assertThrows(IllegalArgumentException.class, () -> Solvers.create("sgd", new StoppingRule(1e-6, 10)));
    GlmObjective f = objective();
    assertThrows(IllegalArgumentException.class, () -> f.evaluate(new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> Solvers.newton(new StoppingRule(1e-6, 10), 5).minimize(f, new double[f.dimension()],
            IterationListener.NONE));
  }
}
