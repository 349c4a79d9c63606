/**
 * The contract between solvers and data: {@link io.curvature.driver.objective.Objective#evaluate} at an explicit
 * point returns an {@link io.curvature.driver.objective.Evaluation} bound to that point, from which Hessian products,
 * the Hessian diagonal and (small dimension) the explicit Hessian are taken. Every pass over the data is counted.
 *
 * <p>{@link io.curvature.driver.objective.BlockSums} is what a data backend provides (sums over every block, one
 * pass per call); {@link io.curvature.driver.objective.LogisticObjective} turns those sums into the regularized,
 * normalized objective. The backend is in-process ({@link io.curvature.driver.objective.LocalBlockSums}) or Spark.
 */
package io.curvature.driver.objective;
