/**
 * What runs on executors: packed partition blocks (CSR and dense, float64 or float32 values), the per-row losses
 * ({@link io.curvature.workers.MarginLoss}: logistic, squared, Poisson, squared hinge, and the non-convex sigmoid;
 * {@link io.curvature.workers.MultiOutputLoss}: softmax) and the fused kernels written once on top of them
 * (value+gradient in one pass, Hessian-vector product with curvature state cached from the last gradient pass,
 * Hessian diagonal, sampled or exact Hessian sums by BLAS for small dimension), and the factorization machine's
 * kernels ({@link io.curvature.workers.FactorizationMachineKernels}: value+gradient, exact and Gauss-Newton Hessian
 * products, diagonal).
 *
 * <p>Nothing here depends on Spark, so every kernel is unit-tested and benchmarked alone. Kernels only accumulate sums
 * over rows; the 1/n scaling and the regularizer are applied once on the driver.
 *
 * <p>Coefficient layout used by every kernel, for a loss of K outputs (K = 1 for a margin loss): feature-major,
 * {@code w[j K + k]} weighs feature j for output k, j < d; when the model has intercepts, the K intercepts follow in
 * {@code w[d K .. d K + K - 1]} (an implicit feature equal to 1 in every row). For K = 1 this is {@code w[0..d-1]}
 * then the intercept {@code w[d]}.
 */
package io.curvature.workers;
