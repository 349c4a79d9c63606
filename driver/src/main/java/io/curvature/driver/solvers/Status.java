package io.curvature.driver.solvers;

/** Why a solver stopped. Only {@link #CONVERGED} means the stopping tolerance was met. */
public enum Status {
  /** ||g(w)|| <= tol ||g(w0)||. */
  CONVERGED,
  /** The iteration budget ran out first. */
  MAX_ITERATIONS,
  /** No step satisfying the line-search conditions was found, even along steepest descent. */
  LINE_SEARCH_FAILED,
  /** Actual and predicted reductions fell to rounding level: the point cannot be improved in floating point. */
  NO_PROGRESS,
  /** The objective fell below -1e32: unbounded below (cannot happen for a regularized logistic loss). */
  UNBOUNDED,
  /** A non-finite value or a failed factorization that damping could not repair. */
  NUMERICAL_ERROR,
  /** The coefficients ran away (separable data at a tiny regParam): no finite model worth writing. */
  DIVERGED
}
