package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Lanczos;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;

/**
 * The second-order test of a non-convex objective: where the gradient test says "stationary", a saddle point passes
 * too, so the smallest eigenvalue of the Hessian is estimated by Lanczos (a few Hessian products, each one pass).
 * A Ritz value below -tolerance * |largest Ritz value| proves negative curvature (a Ritz value is an upper bound on
 * the smallest eigenvalue), and its Ritz vector u has u.H u equal to it: a direction to leave the saddle along
 * (Nocedal and Wright, 4.3; the minimum-eigenvalue oracle of Royer, O'Neill and Wright 2020). Otherwise the point
 * carries a second-order certificate up to what k steps can see: no eigenvalue is proven below -tolerance.
 */
final class NegativeCurvature {
  /** Lanczos steps of one probe. */
  static final int STEPS = 20;
  /** Curvature below -TOLERANCE * lambda_max counts as negative: well above rounding, well below any real saddle. */
  static final double TOLERANCE = 1e-6;

  private NegativeCurvature() {}

  /**
   * What one probe found.
   *
   * @param smallest  the smallest Ritz value (an upper bound on lambda_min)
   * @param largest   the largest Ritz value (a lower bound on lambda_max)
   * @param direction unit direction with direction.H direction = smallest and g.direction <= 0
   * @param products  Hessian products spent
   */
  record Probe(double smallest, double largest, double[] direction, int products) {
    boolean negative() {
      return smallest < -TOLERANCE * Math.max(Math.abs(largest), Double.MIN_NORMAL);
    }

    String describe() {
      return String.format("smallest Ritz value %.3e, largest %.3e (%d Hessian products): %s", smallest, largest,
          products, negative() ? "negative curvature" : "no eigenvalue found below -1e-6 lambda_max");
    }
  }

  /**
   * The probe a solver runs where it would stop: {@link #STEPS} Lanczos steps at {@code at}, from a start seeded by
   * the iteration (so a run repeats), its passes labelled for the Spark UI.
   */
  static Probe atStop(Objective objective, Evaluation at, String solver, int iteration) {
    objective.describe(solver + " second-order test at iteration " + iteration);
    return probe(at, STEPS, 31L * iteration + 7);
  }

  /** Probes the Hessian at {@code at} with {@code steps} Lanczos steps from a start drawn from {@code seed}. */
  static Probe probe(Evaluation at, int steps, long seed) {
    int d = at.point().length;
    Lanczos.Result r = Lanczos.run(new Lanczos.Operator() {
      @Override
      public int dimension() {
        return d;
      }

      @Override
      public void apply(double[] v, double[] out) {
        at.hessianVector(v, out);
      }
    }, steps, seed);
    double[] u = r.smallestVector();
    Vectors.scale(1 / Vectors.norm(u), u);
    if (Vectors.dot(u, at.gradient()) > 0) {            // descend along it: -u has the same curvature
      Vectors.scale(-1, u);
    }
    return new Probe(r.smallest(), r.largest(), u, r.products());
  }
}
