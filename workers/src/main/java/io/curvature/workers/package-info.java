/**
 * What runs on executors: packed partition blocks (CSR and dense), the logistic loss, and the fused kernels
 * (value+gradient in one pass, Hessian-vector product with curvature weights cached from the last gradient pass,
 * Hessian diagonal, explicit Hessian for small dimension).
 *
 * <p>Nothing here depends on Spark, so every kernel is unit-tested and benchmarked alone. Kernels only
 * accumulate sums over rows; the 1/n scaling and the L2 regularizer are added once on the driver.
 *
 * <p>Coefficient layout used by every kernel: {@code w[0..d-1]} are the feature weights and, when the model has an
 * intercept, {@code w[d]} is the intercept (an implicit feature equal to 1 in every row).
 */
package io.curvature.workers;
