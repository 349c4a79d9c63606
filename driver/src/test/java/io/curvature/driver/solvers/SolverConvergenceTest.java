package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.testing.ReferenceNewton;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every solver reaches relative objective gap (f - f*) / f* <= 1e-8 against an independent exact Newton with
 * Cholesky (naive loops), on data of several shapes: dense, sparse and weighted, ill-conditioned (feature scales
 * spanning 1e4), separable (only the regularizer keeps w* finite), wide (d > n), with and without intercept.
 */
class SolverConvergenceTest {
  private static final double GAP = 1e-8;

  record Problem(String name, RandomProblems.Matrix matrix, double lambda, boolean intercept) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Problem> problems() {
    return List.of(
        new Problem("dense", RandomProblems.matrix(101, 400, 25, 1.0, 1.0, false, false), 1e-3, true),
        new Problem("sparse-weighted", RandomProblems.matrix(102, 600, 80, 0.08, 1.0, true, false), 1.0 / 600, false),
        new Problem("ill-conditioned", RandomProblems.matrix(103, 500, 20, 0.5, 1e4, false, false), 1e-4, true),
        new Problem("separable", RandomProblems.matrix(104, 300, 10, 1.0, 1.0, false, true), 1e-3, false),
        new Problem("wide", RandomProblems.matrix(105, 60, 150, 0.1, 1.0, false, false), 1e-2, true));
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Problem p : problems()) {
      for (String solver : Solvers.NAMES.subList(0, 4)) {
        cases.add(Arguments.of(solver, p));
      }
      cases.add(Arguments.of("tron-gltr", p));
      cases.add(Arguments.of("subsampled-newton-cg", p));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void reachesTheReferenceOptimum(String solverName, Problem p) {
    double[] reference = ReferenceNewton.solve(p.matrix(), p.lambda(), p.intercept());
    double fStar = ReferenceNewton.value(p.matrix(), p.lambda(), p.intercept(), reference);
    GlmObjective objective =
        GlmObjective.logistic(new LocalBlockSums(p.matrix().csrBlocks(3)), p.lambda(), p.intercept());
    List<IterationRecord> seen = new ArrayList<>();
    SolverResult result = Solvers.create(solverName, new StoppingRule(1e-8, 20_000))
        .minimize(objective, new double[objective.dimension()], seen::add);
    assertEquals(Status.CONVERGED, result.status(), result.message());
    double gap = (result.objective() - fStar) / fStar;
    assertTrue(gap <= GAP, solverName + " on " + p + ": gap " + gap + " after " + result.iterations() + " iterations");
    assertTrue(gap >= -1e-12, "below the reference optimum by " + gap + ": the reference or the objective is wrong");
    // the reported objective is the naive one at the returned point
    assertEquals(ReferenceNewton.value(p.matrix(), p.lambda(), p.intercept(), result.w()), result.objective(),
        1e-12 * fStar);
    // history: iteration 0 first, one record per iteration, objective never increasing (but for the approximate
    // Wolfe allowance of 1e-12 |f| at rounding level), passes counted
    assertEquals(result.iterations() + 1, result.history().size());
    assertEquals(seen, result.history());
    for (int k = 1; k < seen.size(); k++) {
      assertTrue(seen.get(k).objective() <= seen.get(k - 1).objective() + 1e-12 * fStar, "objective rose at " + k);
      assertTrue(seen.get(k).passes() > seen.get(k - 1).passes(), "a step without a pass at " + k);
    }
    assertEquals(objective.passes(), result.passes());
  }
}
