package io.curvature.driver.objective;

/**
 * A function the solvers minimize: F(w) = f(w) + sum_j c_j |w_j|, f smooth (convex unless {@link #convex()} says
 * otherwise), c_j >= 0 the L1 weights
 * ({@link #l1Weights()}, null when there is no L1 part). Calling order: {@link #evaluate} at a point (one pass over the
 * data), then any number of second-order queries on the returned {@link Evaluation}, each bound to that point.
 * Evaluations report f alone; solvers that handle the L1 part add it.
 */
public interface Objective {
  /** Number of coefficients. */
  int dimension();

  /** Value and gradient of f at {@code w} in one pass, with the {@link Extra} curvature information asked for. */
  Evaluation evaluate(double[] w, Extra extra);

  /** Value and gradient at {@code w} in one pass. */
  default Evaluation evaluate(double[] w) {
    return evaluate(w, Extra.NONE);
  }

  /** Passes over the training data made so far (value+gradient, Hessian-vector, diagonal, explicit Hessian). */
  long passes();

  /**
   * Whether {@link #evaluate} can compute {@code extra}: {@link Extra#NONE} and {@link Extra#DIAGONAL} always; the
   * dense ones ({@link Extra#SAMPLE_HESSIAN}, {@link Extra#HESSIAN}) only where the objective offers them, and the
   * evaluation then implements {@link DenseCurvature}.
   */
  default boolean offers(Extra extra) {
    return extra == Extra.NONE || extra == Extra.DIAGONAL;
  }

  /** Whether evaluations answer {@link Evaluation#sampledHessianVector}. */
  default boolean offersSampledHessian() {
    return false;
  }

  /** The weights c_j of the L1 part, or null when the objective is smooth (do not modify). */
  default double[] l1Weights() {
    return null;
  }

  /**
   * The diagonal of the smooth regularizer's Hessian (lambda for an L2-penalized coordinate, 0 for an intercept):
   * the part of the Hessian that is not data, which a diagonal preconditioner mixes with diag(H) as LIBLINEAR mixes
   * the identity with diag(H) in its own scaling.
   */
  default double[] regularizerCurvature() {
    return new double[dimension()];
  }

  /**
   * The rate, in flop/s on one core, of the rank-k update (dsyrk) the explicit Hessian is built with: auto's cost
   * model weighs exact Newton with it. Measured on the BLAS the kernels call.
   */
  default double gramFlopsPerCore(int dimension) {
    return io.curvature.workers.Blas.dsyrkFlopsPerCore(dimension);
  }

  /** The same rate for a sample Gram (tron's preconditioner), which the JVM builds with other loops. */
  default double sampleGramFlopsPerCore(int dimension) {
    return io.curvature.workers.Blas.sampleGramFlopsPerCore(dimension);
  }

  /**
   * Whether f is convex. A non-convex f (a bounded loss, a factorization machine) may have saddle points and
   * directions of negative curvature: solvers then do not take a small gradient alone as convergence, and the
   * diagnostics report no gap bound.
   */
  default boolean convex() {
    return true;
  }

  /**
   * What rebuilding a dense preconditioner costs ({@link Extra#SAMPLE_HESSIAN}: the sample's Gram summed in a
   * value+gradient pass, then its Cholesky on the driver), in plain value+gradient passes. tron keeps its
   * preconditioner until the CG steps it has cost beyond those it needed when new exceed this. Estimated from the
   * sizes alone, so that a run's passes do not depend on the machine's load.
   */
  default double sampleHessianRebuildPasses() {
    return 1;
  }

  /** Whether f is quadratic (constant Hessian): least squares with an L2 penalty. */
  default boolean quadratic() {
    return false;
  }

  /**
   * f and its gradient at {@code at.point() + step} without a pass, when f is quadratic and {@code at} holds the
   * Hessian (least squares: one Newton step solves it); null otherwise.
   */
  default Evaluation extrapolate(Evaluation at, double[] step) {
    return null;
  }

  /**
   * Names what the passes that follow are for (e.g. "tron iteration 7"); a Spark backend shows it as the job
   * description. Solvers call it; it changes no result.
   */
  default void describe(String context) {}
}
