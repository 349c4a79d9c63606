package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.workers.RandomProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A result names the preconditioner its solver's CG actually used, whatever the solver's name: the report and the
 * Spark ML summary read it instead of guessing from the name and the dimension.
 */
class PreconditionerReportedTest {
  private static GlmObjective objective(ModelKind kind, int rows, int cols, double density) {
    RandomProblems.Matrix m = RandomProblems.matrix(cols, rows, cols, density, 1.0, false, false);
    return GlmProblem.of(new LocalBlockSums(m.csrBlocks(2)), new TrainingSpec(kind, 1e-3, 0, true, false))
        .objective();
  }

  @ParameterizedTest(name = "{0} on {1} {2}x{3}")
  @CsvSource({
      "tron, LOGISTIC, 3000, 20, 1.0, sample-hessian",
      "tron-gltr, LOGISTIC, 3000, 20, 1.0, sample-hessian",
      "newton-cg, LOGISTIC, 3000, 20, 1.0, sample-hessian",
      "subsampled-newton-cg, LOGISTIC, 3000, 20, 1.0, sample-hessian",
      "lbfgs, LOGISTIC, 3000, 20, 1.0, none",
      "newton, LOGISTIC, 3000, 20, 1.0, none",
      // a dense sample is offered up to 4096 coefficients, but CG takes it only up to 2048
      "tron, LOGISTIC, 400, 2500, 0.01, diagonal",
      "newton-cg, LOGISTIC, 400, 2500, 0.01, diagonal",
      // a sample Hessian of a non-convex loss may be indefinite: tron keeps the diagonal one
      "tron, SIGMOID, 3000, 20, 1.0, diagonal",
      // auto takes tron for a non-convex objective, and its result names tron's preconditioner
      "auto, SIGMOID, 3000, 20, 1.0, diagonal"})
  void theResultNamesThePreconditionerItsCgUsed(String solver, ModelKind kind, int rows, int cols, double density,
      String expected) {
    GlmObjective f = objective(kind, rows, cols, density);
    ProblemSize size = new ProblemSize(rows, f.dimension(), f.summary().nonzeros(), 2, 2);
    SolverResult r = Solvers.create(solver, new StoppingRule(1e-6, 3), size, f.sampleStride())
        .minimize(f, new double[f.dimension()], IterationListener.NONE);
    assertEquals(expected, r.preconditioner(), r.solver() + ": " + r.message());
    if (r.cgSpectrum() != null) {
      assertEquals(expected, r.cgSpectrum().preconditioner());
    }
  }
}
