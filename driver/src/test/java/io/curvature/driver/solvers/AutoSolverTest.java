package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.workers.RandomProblems;
import org.junit.jupiter.api.Test;

/** The auto solver's rule, as documented in its Javadoc and the README. */
class AutoSolverTest {
  private static final StoppingRule RULE = new StoppingRule(1e-8, 500);

  @Test
  void smallDimensionAndFastMatrixMultiplyPicksExactNewton() {
    AutoSolver auto = new AutoSolver(RULE, new ProblemSize(100_000, 50, 2_000_000, 4, 4), 100);
    AutoSolver.Estimates e = auto.estimate(0.05, 5e9);
    assertEquals("newton", e.choice(), e.toString());
    assertEquals(AutoSolver.NEWTON_ITERATIONS * (0.05 + 100_000.0 * 50 * 50 / (4 * 5e9)), e.newton(), 1e-12);
  }

  @Test
  void largeDimensionPicksLbfgs() {
    // d = 100,000: no explicit Hessian, only the diagonal preconditioner for CG; L-BFGS needed fewer passes on such data.
    AutoSolver auto = new AutoSolver(RULE, new ProblemSize(1_000_000, 100_000, 20_000_000, 8, 8), 1);
    AutoSolver.Estimates e = auto.estimate(0.1, 5e9);
    assertEquals(Double.POSITIVE_INFINITY, e.newton());
    assertEquals(AutoSolver.TRON_ITERATIONS_DIAGONAL * (1 + AutoSolver.CG_DIAGONAL) * 0.1, e.tron(), 1e-12);
    assertEquals(1.1 * AutoSolver.LBFGS_ITERATIONS_WIDE * 0.1, e.lbfgs(), 1e-12);
    assertEquals("lbfgs", e.choice(), e.toString());
  }

  @Test
  void manyRowsOfModerateDimensionPicksTronWithTheSampleHessian() {
    // Fashion-MNIST's shape: the full Hessian costs 60000 * 785^2 flops a pass, the sample 1/6 of it.
    AutoSolver auto = new AutoSolver(RULE, new ProblemSize(60_000, 785, 23_400_000, 2, 2), 6);
    AutoSolver.Estimates e = auto.estimate(0.06, 1e10);
    assertEquals("tron", e.choice(), e.toString());
  }

  @Test
  void theSampleGramIsPricedAtItsOwnRate() {
    AutoSolver auto = new AutoSolver(RULE, new ProblemSize(60_000, 785, 23_400_000, 2, 2), 6);
    AutoSolver.Estimates same = auto.estimate(0.06, 1e10, 1e10, true);
    AutoSolver.Estimates slowerSample = auto.estimate(0.06, 1e10, 0.5e10, true);
    double sampleGram = 60_000.0 * 785 * 785 / (2 * 1e10) / 6;
    assertEquals(same.newton(), slowerSample.newton(), 0.0, "exact Newton does not use the sample's kernel");
    assertEquals(same.tron() + AutoSolver.TRON_BUILDS * sampleGram, slowerSample.tron(), 1e-9);
  }

  @Test
  void bothDenseMethodsPayTheDriversFactorizationForEveryHessianTheyFactor() {
    AutoSolver auto = new AutoSolver(RULE, new ProblemSize(60_000, 784, 23_400_000, 2, 2), 6);
    AutoSolver.Estimates free = auto.estimate(0.05, 8e10, 8e10, 0.0, true);
    AutoSolver.Estimates paid = auto.estimate(0.05, 8e10, 8e10, 0.05, true);
    assertEquals(free.newton() + AutoSolver.NEWTON_ITERATIONS * 0.05, paid.newton(), 1e-9);
    assertEquals(free.tron() + AutoSolver.TRON_BUILDS * 0.05, paid.tron(), 1e-9);
    assertEquals(free.lbfgs(), paid.lbfgs(), 0.0);
    double measured = io.curvature.driver.linalg.Cholesky.secondsToFactor(1024);
    assertTrue(measured > 0 && Double.isFinite(measured), "seconds to factor 1024 x 1024: " + measured);
  }

  @Test
  void runsItsChoiceToTheSameOptimumAndSaysWhy() {
    GlmObjective f = GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(3, 2000, 20, 0.5, 1.0, false, false).csrBlocks(2)), 1e-3, true);
    SolverResult auto = new AutoSolver(RULE, new ProblemSize(2000, f.dimension(), 20_000, 2, 2), f.sampleStride())
        .minimize(f, new double[f.dimension()], IterationListener.NONE);
    SolverResult newton = Solvers.create("newton", RULE).minimize(f, new double[f.dimension()], IterationListener.NONE);
    assertTrue(auto.converged(), auto.message());
    assertTrue(auto.solver().startsWith("auto:"), auto.solver());
    assertTrue(auto.message().startsWith("chose " + auto.solver().substring(5) + ": estimated"), auto.message());
    assertEquals(newton.objective(), auto.objective(), 1e-10 * newton.objective());
    assertEquals(f.passes(), auto.passes() + newton.passes());
  }

  @Test
  void aSolverStartingWithTheDiagonalTakesTheWarmUpPassAsItsFirstEvaluation() {
    GlmObjective f = GlmObjective.logistic(
        new LocalBlockSums(RandomProblems.matrix(4, 2000, 20, 0.5, 1.0, false, false).csrBlocks(2)), 1e-3, true);
    // A size that makes lbfgs the choice (d = 100,000 as far as the cost model knows).
    AutoSolver chooser = new AutoSolver(RULE, new ProblemSize(1_000_000, 100_000, 20_000_000, 2, 2), 1);
    SolverResult auto = chooser.minimize(f, new double[f.dimension()], IterationListener.NONE);
    SolverResult lbfgs = Solvers.create("lbfgs", RULE).minimize(f, new double[f.dimension()], IterationListener.NONE);
    assertEquals("auto:lbfgs", auto.solver());
    assertEquals(lbfgs.passes() + 1, auto.passes(), "only the timed pass is extra");
    assertEquals(lbfgs.iterations(), auto.iterations());
    assertEquals(lbfgs.objective(), auto.objective(), 0.0, "the same start, the same run");
  }

  @Test
  void theKeptStartForwardsEveryOtherQueryToTheObjective() throws Exception {
    for (java.lang.reflect.Method m : io.curvature.driver.objective.Objective.class.getMethods()) {
      if (m.isDefault() && !(m.getName().equals("evaluate") && m.getParameterCount() == 1)) {
        assertEquals(FirstEvaluationKept.class,
            FirstEvaluationKept.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(),
            m.getName() + " must be forwarded, not left to the interface's default");
      }
    }
    assertTrue(FirstEvaluationKept.covers(io.curvature.driver.objective.Extra.SAMPLE_HESSIAN,
        io.curvature.driver.objective.Extra.DIAGONAL));
    assertTrue(!FirstEvaluationKept.covers(io.curvature.driver.objective.Extra.DIAGONAL,
        io.curvature.driver.objective.Extra.SAMPLE_HESSIAN));
  }
}
