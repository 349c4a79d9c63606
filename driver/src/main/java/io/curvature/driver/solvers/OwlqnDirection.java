package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;

/**
 * Orthant-wise limited-memory quasi-Newton (OWL-QN; Andrew and Gao, ICML 2007) for F = f + sum_j c_j |w_j|: the
 * L-BFGS two-loop recursion applied to the pseudo-gradient v (the minimum-norm subgradient of F), the direction's
 * entries that disagree in sign with -v set to 0, and a line search that keeps every trial point in the orthant of
 * the start ({@link OrthantLineSearch}). Pairs are differences of the smooth gradient, as in the paper (and in
 * Breeze's OWLQN, which MLlib uses). H0 is scaled by the Hessian diagonal of f, as {@link LbfgsDirection} does, on the
 * same refresh schedule. Coordinates without an L1 weight (intercepts, or all of them when alpha = 0) are smooth:
 * neither the direction nor the line search constrains their sign.
 */
final class OwlqnDirection extends PairsDirection {
  private final double[] c;
  private final LineSearch lineSearch;

  OwlqnDirection(Objective objective, int memory) {
    super(objective, memory, true);
    this.c = objective.l1Weights();
    this.lineSearch = new OrthantLineSearch(objective, this::extra);
  }

  @Override
  public LineSearch lineSearch() {
    return lineSearch;
  }

  @Override
  protected Direction direction(Evaluation at, double[] scaling) {
    double[] v = L1.pseudoGradient(at.point(), at.gradient(), c);
    double[] d = pairs.direction(v, scaling);
    for (int j = 0; j < d.length; j++) {
      d[j] = -d[j];
      if (c != null && c[j] > 0 && d[j] * v[j] >= 0) {
        d[j] = 0.0;                                    // not a descent coordinate for F: the orthant would flip
      }
    }
    return Direction.of(d, LbfgsDirection.initialStep(pairs, d, scaling), 0);
  }
}
