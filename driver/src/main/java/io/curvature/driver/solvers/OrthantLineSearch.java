package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.function.Supplier;

/**
 * OWL-QN's line search (Andrew and Gao, "Scalable training of L1-regularized log-linear models", ICML 2007,
 * Algorithm 1): backtracking along the direction with every trial point projected onto the orthant of the start
 * (coordinates that would change sign become 0), accepted at sufficient decrease of F = f + sum c_j |w_j| measured
 * against the pseudo-gradient: F(w') <= F(w) + gamma v.(w' - w).
 */
final class OrthantLineSearch implements LineSearch {
  /** Sufficient decrease constant (the paper's gamma). */
  static final double GAMMA = 1e-4;
  /** Step shrink factor per rejected trial. */
  static final double SHRINK = 0.5;
  static final int MAX_EVALUATIONS = 40;

  private final Objective objective;
  private final Supplier<Extra> extra;
  private final double[] c;

  OrthantLineSearch(Objective objective, Supplier<Extra> extra) {
    this.objective = objective;
    this.extra = extra;
    this.c = objective.l1Weights();
  }

  @Override
  public Result search(Evaluation start, double[] direction, double initialAlpha) {
    double[] w = start.point();
    double[] v = L1.pseudoGradient(w, start.gradient(), c);
    double[] orthant = new double[w.length];                // 0: a smooth coordinate, free to change sign
    for (int j = 0; j < w.length; j++) {
      if (c != null && c[j] > 0) {
        orthant[j] = w[j] != 0 ? Math.signum(w[j]) : -Math.signum(v[j]);
      }
    }
    double f0 = start.value() + L1.value(w, c);
    double alpha = initialAlpha;
    for (int evaluations = 1; evaluations <= MAX_EVALUATIONS; evaluations++) {
      double[] trial = new double[w.length];
      double decrease = 0.0;
      boolean moved = false;
      for (int j = 0; j < w.length; j++) {
        double x = w[j] + alpha * direction[j];
        if (orthant[j] != 0 && x * orthant[j] <= 0) {
          x = 0.0;                                      // leaves the orthant: stop at its face
        }
        trial[j] = x;
        decrease += v[j] * (x - w[j]);
        moved |= x != w[j];
      }
      if (!moved) {
        return new Result(null, 0, false, evaluations - 1);
      }
      Evaluation e = objective.evaluate(trial, extra.get());
      double f = e.value() + L1.value(trial, c);
      if (Double.isFinite(f) && (f <= f0 + GAMMA * decrease || roundingLevel(f, f0, e, start))) {
        return new Result(e, alpha, true, evaluations);
      }
      alpha *= SHRINK;
    }
    return new Result(null, 0, false, MAX_EVALUATIONS);
  }

  /**
   * Near the optimum the decrease of F falls below its rounding error (F sums n rows): accept a change of F within
   * that error when the stationarity measure decreased, as the approximate Wolfe test does for smooth searches.
   */
  private boolean roundingLevel(double f, double f0, Evaluation trial, Evaluation start) {
    if (f > f0 + StrongWolfeLineSearch.APPROXIMATE_EPSILON * Math.abs(f0)) {
      return false;
    }
    return L1.stationarity(trial.point(), trial.gradient(), c) < L1.stationarity(start.point(), start.gradient(), c);
  }
}
