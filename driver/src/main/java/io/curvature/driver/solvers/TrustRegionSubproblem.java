package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;

/**
 * The trust-region subproblem at one point, min_s g.s + s.H s / 2 subject to ||s||_M <= radius, as SciPy shapes it:
 * bound to one point, it only answers {@link #solve}. {@link SteihaugCg} is the one implemented.
 */
interface TrustRegionSubproblem {
  /** One solve's outcome: the step, the residual r = -g - H s, and what stopped the inner iteration. */
  record Step(double[] s, double[] residual, int cgIterations, boolean hitsBoundary, boolean negativeCurvature,
      double mNorm) {
    /** q(0) - q(s) = -(g.s + s.H s / 2), from the residual without another product. */
    double predictedReduction(double[] gradient) {
      double gs = Vectors.dot(gradient, s);
      return -0.5 * (gs - Vectors.dot(s, residual));
    }
  }

  Step solve(double radius);
}
