package io.curvature.driver.solvers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stopping rule every solver shares, composed of {@link StoppingTest}s in this order: a non-finite value
 * ({@link Status#NUMERICAL_ERROR}); coefficients running away ({@link Status#DIVERGED}); relative stationarity ||g(w)|| <= tolerance ||g(w0)|| (the minimum-norm
 * subgradient with L1); a target objective, when set (benchmarks stop there instead of polishing further); the
 * iteration budget.
 */
public record StoppingRule(double tolerance, int maxIterations, double targetObjective) implements StoppingTest {
  /**
   * Coefficients past this norm mean the run is diverging: no GLM worth deploying has weights of 1e10 (margins of
   * that size saturate every loss and overflow Poisson's exp), but separable data at a tiny regParam gets there.
   */
  public static final double MAX_POINT_NORM = 1e10;

  public StoppingRule(double tolerance, int maxIterations) {
    this(tolerance, maxIterations, Double.NEGATIVE_INFINITY);
  }

  public StoppingRule {
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance is " + tolerance + ", expected in (0, 1)");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations is " + maxIterations + ", expected >= 1");
    }
  }

  /** The same rule that also stops once F <= {@code target}. */
  public StoppingRule withTarget(double target) {
    return new StoppingRule(tolerance, maxIterations, target);
  }

  /** The tests this rule is made of, in the order they are checked. */
  public List<StoppingTest> tests() {
    List<StoppingTest> tests = new ArrayList<>();
    tests.add(StoppingTest.finite());
    tests.add(StoppingTest.boundedPoint(MAX_POINT_NORM));
    tests.add(StoppingTest.relativeStationarity(tolerance));
    if (targetObjective > Double.NEGATIVE_INFINITY) {
      tests.add(StoppingTest.targetObjective(targetObjective));
    }
    tests.add(StoppingTest.maxIterations(maxIterations));
    return tests;
  }

  @Override
  public Optional<Stop> check(Progress p) {
    return StoppingTest.firstOf(tests()).check(p);
  }
}
