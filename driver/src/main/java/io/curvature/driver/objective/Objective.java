package io.curvature.driver.objective;

/**
 * A smooth function the solvers minimize. Calling order: {@link #evaluate} at a point (one pass over the data), then
 * any number of second-order queries on the returned {@link Evaluation}, each bound to that point.
 */
public interface Objective {
  /** Number of coefficients (features, plus one for the intercept when fitted). */
  int dimension();

  /** Value and gradient at {@code w} in one pass, with the {@link Extra} curvature information the solver needs. */
  Evaluation evaluate(double[] w, Extra extra);

  /** Value and gradient at {@code w} in one pass. */
  default Evaluation evaluate(double[] w) {
    return evaluate(w, Extra.NONE);
  }

  /** Passes over the training data made so far (value+gradient, Hessian-vector, diagonal, explicit Hessian). */
  long passes();
}
