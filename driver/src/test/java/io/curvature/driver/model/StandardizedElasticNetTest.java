package io.curvature.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.Status;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.testing.ReferenceGlm;
import io.curvature.workers.RandomProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proximal Newton on standardized elastic net (every Spark ML estimator's default) where the sample Hessian is a
 * sample: data shaped like image pixels, most features in most rows and some in a fraction of a percent of them.
 * Standardization gives the rare features a small penalty (lambda sigma_j), so the model of f must get their
 * curvature right; it must take about as many iterations as the same fit unstandardized and reach the optimality
 * conditions of the naive objective (convex: they certify the minimum).
 */
class StandardizedElasticNetTest {
  private static final int ROWS = 24_000;
  private static final int COMMON = 30;
  private static final int RARE = 10;

  /** Pixel-like rows: COMMON features in [0, 1] in 60% of rows, RARE ones in 0.4% of rows, logistic labels. */
  static RandomProblems.Matrix pixels(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int cols = COMMON + RARE;
    double[] planted = new double[cols];
    for (int j = 0; j < cols; j++) {
      planted[j] = j < COMMON ? rng.nextGaussian() / 2 : (j % 2 == 0 ? 3.0 : -3.0);
    }
    double[] data = new double[ROWS * cols];
    double[] labels = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double margin = -1.0;
      for (int j = 0; j < cols; j++) {
        if (rng.nextDouble() < (j < COMMON ? 0.6 : 0.004)) {
          double x = j < COMMON ? rng.nextDouble() : 0.5 + 0.5 * rng.nextDouble();
          data[i * cols + j] = x;
          margin += planted[j] * x;
        }
      }
      labels[i] = rng.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1.0 : -1.0;
    }
    return new RandomProblems.Matrix(ROWS, cols, data, labels, null);
  }

  private static SolverResult fit(RandomProblems.Matrix m, TrainingSpec spec) {
    GlmObjective f = GlmProblem.of(new LocalBlockSums(m.csrBlocks(2)), spec).objective();
    assertTrue(f.sampleStride() > 1, "the sample Hessian must be a sample here: stride " + f.sampleStride());
    ProblemSize size = new ProblemSize(f.summary().rows(), f.dimension(), f.summary().nonzeros(), 2, 2);
    return Solvers.create("prox-newton", new StoppingRule(1e-8, 300), size, f.sampleStride())
        .minimize(f, new double[f.dimension()], IterationListener.NONE);
  }

  @ParameterizedTest(name = "lambda={0} alpha={1} intercept={2}")
  @CsvSource({"1e-3, 0.5, false", "1e-4, 0.5, true", "1e-5, 0.5, true", "1e-3, 1.0, true"})
  void standardizedTakesAboutTheIterationsOfUnstandardizedAndReachesTheOptimum(double lambda, double alpha,
      boolean intercept) {
    RandomProblems.Matrix m = pixels(7);
    SolverResult plain = fit(m, new TrainingSpec(ModelKind.LOGISTIC, lambda, alpha, intercept, false));
    SolverResult standardized = fit(m, new TrainingSpec(ModelKind.LOGISTIC, lambda, alpha, intercept, true));
    assertEquals(Status.CONVERGED, plain.status(), plain.message());
    assertEquals(Status.CONVERGED, standardized.status(), standardized.message());
    assertTrue(standardized.iterations() <= 1.5 * plain.iterations() + 3, "standardized: "
        + standardized.iterations() + " iterations, " + standardized.passes() + " passes; unstandardized: "
        + plain.iterations() + " iterations, " + plain.passes() + " passes");
    assertTrue(standardized.passes() <= 1.5 * plain.passes() + 3, "standardized: " + standardized.passes()
        + " passes; unstandardized: " + plain.passes());

    ReferenceGlm.Problem reference = new ReferenceGlm.Problem("logistic", 2, m, lambda, alpha, intercept, true);
    double violation = ReferenceGlm.optimalityViolation(reference, standardized.w());
    assertTrue(violation < 1e-7, "optimality conditions violated by " + violation);
    assertEquals(ReferenceGlm.value(reference, standardized.w()), standardized.objective(), 1e-12);
  }
}
