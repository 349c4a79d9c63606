package io.curvature.driver.solvers;

import java.util.List;
import java.util.Optional;

/**
 * One reason to stop, tested after every iteration; tests compose with {@link #firstOf}, the first that fires
 * decides. Each names its reason and its threshold.
 */
@FunctionalInterface
public interface StoppingTest {
  Optional<Stop> check(Progress p);

  /** A non-finite objective or stationarity: stop with {@link Status#NUMERICAL_ERROR}. */
  static StoppingTest finite() {
    return p -> Double.isFinite(p.objective()) && Double.isFinite(p.stationarity()) ? Optional.empty()
        : Optional.of(new Stop(Status.NUMERICAL_ERROR, "the objective or its gradient is not finite"));
  }

  /**
   * Relative stationarity: ||g(w)|| <= tolerance ||g(w0)|| (LIBLINEAR's test, invariant to the scale of f), with the
   * minimum-norm subgradient in place of g when there is an L1 part.
   */
  static StoppingTest relativeStationarity(double tolerance) {
    return p -> p.stationarity() <= tolerance * p.initialStationarity()
        ? Optional.of(new Stop(Status.CONVERGED, String.format("converged: |g| = %.3e <= %.1e * |g0| = %.3e",
            p.stationarity(), tolerance, tolerance * p.initialStationarity())))
        : Optional.empty();
  }

  /** The objective reached {@code target} (time-to-accuracy benchmarks stop there). */
  static StoppingTest targetObjective(double target) {
    return p -> p.objective() <= target
        ? Optional.of(new Stop(Status.CONVERGED, String.format("reached the target objective %.15g", target)))
        : Optional.empty();
  }

  /**
   * Coefficients beyond {@code limit} in norm: the model runs away (separable classes with too little
   * regularization), and no finite optimum worth writing is near; stop with {@link Status#DIVERGED}.
   */
  static StoppingTest boundedPoint(double limit) {
    return p -> p.pointNorm() > limit
        ? Optional.of(new Stop(Status.DIVERGED, String.format("the coefficients' norm %.3g exceeds %.0e: the data is "
            + "(nearly) separable or the problem unbounded, and regParam too small to keep the model finite; raise "
            + "regParam", p.pointNorm(), limit)))
        : Optional.empty();
  }

  /** The iteration budget. */
  static StoppingTest maxIterations(int budget) {
    return p -> p.iteration() >= budget
        ? Optional.of(new Stop(Status.MAX_ITERATIONS, String.format("stopped after %d iterations with |g| = %.3e",
            p.iteration(), p.stationarity())))
        : Optional.empty();
  }

  /** The first of {@code tests} that fires. */
  static StoppingTest firstOf(List<StoppingTest> tests) {
    List<StoppingTest> copy = List.copyOf(tests);
    return p -> {
      for (StoppingTest t : copy) {
        Optional<Stop> stop = t.check(p);
        if (stop.isPresent()) {
          return stop;
        }
      }
      return Optional.empty();
    };
  }
}
