package io.curvature.driver.solvers;

import java.util.Optional;

/**
 * The stopping test every solver shares: relative gradient norm ||g(w)|| <= tolerance ||g(w0)|| (LIBLINEAR's test,
 * invariant to the scale of f), or the iteration budget. Benchmarks may add a target objective value: reaching it
 * counts as converged (time-to-accuracy runs stop there instead of polishing further).
 */
public record StoppingRule(double tolerance, int maxIterations, double targetObjective) {
  public StoppingRule(double tolerance, int maxIterations) {
    this(tolerance, maxIterations, Double.NEGATIVE_INFINITY);
  }

  /** The same rule that also stops once f <= {@code target}. */
  public StoppingRule withTarget(double target) {
    return new StoppingRule(tolerance, maxIterations, target);
  }

  public StoppingRule {
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance is " + tolerance + ", expected in (0, 1)");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations is " + maxIterations + ", expected >= 1");
    }
  }

  /** The status to stop with after {@code iteration} iterations, if any. */
  public Optional<Status> check(int iteration, double objective, double gradientNorm, double initialGradientNorm) {
    if (!Double.isFinite(gradientNorm)) {
      return Optional.of(Status.NUMERICAL_ERROR);
    }
    if (gradientNorm <= tolerance * initialGradientNorm || objective <= targetObjective) {
      return Optional.of(Status.CONVERGED);
    }
    if (iteration >= maxIterations) {
      return Optional.of(Status.MAX_ITERATIONS);
    }
    return Optional.empty();
  }
}
