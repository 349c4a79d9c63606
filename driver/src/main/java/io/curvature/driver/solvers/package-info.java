/**
 * Solvers that minimize an {@link io.curvature.driver.objective.Objective}, knowing nothing of Spark: L-BFGS,
 * trust-region Newton-CG (TRON), line-search Newton-CG and exact Newton. Each returns an immutable
 * {@link io.curvature.driver.solvers.SolverResult} with a {@link io.curvature.driver.solvers.Status}, and reports every
 * iteration to an {@link io.curvature.driver.solvers.IterationListener}; none prints or throws on a spent budget.
 */
package io.curvature.driver.solvers;
