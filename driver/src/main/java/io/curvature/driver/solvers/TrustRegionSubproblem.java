package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Tridiagonal;
import io.curvature.driver.linalg.Vectors;

/**
 * The trust-region subproblem at one point, min_s g.s + s.H s / 2 subject to ||s||_M <= radius, as SciPy shapes it:
 * bound to one point, it only answers {@link #solve}: {@link SteihaugCg} (truncated CG) or {@link GltrSubproblem}
 * (truncated Lanczos, which keeps improving the step on the boundary).
 */
interface TrustRegionSubproblem {
  /**
   * One solve's outcome: the step, the residual r = -g - H s, what stopped the inner iteration, and the Lanczos
   * tridiagonal of M^-1 H its products built (null when none was made), from which {@link CgSpectrum} reads
   * eigenvalue estimates at no cost.
   */
  record Step(double[] s, double[] residual, int cgIterations, boolean hitsBoundary, boolean negativeCurvature,
      double mNorm, Tridiagonal lanczos) {
    /** q(0) - q(s) = -(g.s + s.H s / 2), from the residual without another product. */
    double predictedReduction(double[] gradient) {
      double gs = Vectors.dot(gradient, s);
      return -0.5 * (gs - Vectors.dot(s, residual));
    }
  }

  Step solve(double radius);
}
