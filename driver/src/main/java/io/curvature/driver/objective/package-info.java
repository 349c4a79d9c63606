/**
 * The contract between solvers and data: {@link io.curvature.driver.objective.Objective#evaluate} at an explicit
 * point returns an {@link io.curvature.driver.objective.Evaluation} bound to that point, from which Hessian products,
 * the Hessian diagonal and (small dimension) the explicit Hessian are taken. Every pass over the data is counted.
 *
 * <p>{@link io.curvature.driver.objective.BlockSums} is what a data backend provides (sums over every block, one
 * pass per call); {@link io.curvature.driver.objective.GlmObjective} turns those sums, a per-row loss and a
 * {@link io.curvature.driver.objective.Regularizer} into the regularized, normalized objective of any generalized
 * linear model, {@link io.curvature.driver.objective.FactorizationMachineObjective} into a factorization
 * machine's. The backend is in-process ({@link io.curvature.driver.objective.LocalBlockSums}) or Spark.
 */
package io.curvature.driver.objective;
