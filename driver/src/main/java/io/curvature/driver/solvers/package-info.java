/**
 * Solvers that minimize an {@link io.curvature.driver.objective.Objective}, knowing nothing of Spark, by the names
 * of {@link io.curvature.driver.solvers.Solvers#NAMES}: trust-region Newton-CG (TRON, with Steihaug's or the GLTR
 * subproblem), line-search Newton-CG (also sub-sampled), L-BFGS, exact Newton, OWL-QN, proximal Newton, and auto,
 * which chooses among them. Each returns an immutable
 * {@link io.curvature.driver.solvers.SolverResult} with a {@link io.curvature.driver.solvers.Status}, and reports every
 * iteration to an {@link io.curvature.driver.solvers.IterationListener}; none prints or throws on a spent budget.
 */
package io.curvature.driver.solvers;
