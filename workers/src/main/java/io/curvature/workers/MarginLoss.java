package io.curvature.workers;

/**
 * A loss l(m; y) of one margin m = w.x (+ intercept). The kernels store s l''(m) per row (s the row weight) as the
 * curvature weight of the Hessian X^T D X. For a loss whose second derivative does not exist everywhere (squared
 * hinge) l'' is the generalized one (LIBLINEAR's).
 */
public interface MarginLoss extends RowLoss {
  /** l(m); also writes l'(m) into {@code derivatives[0]} and l''(m) into {@code derivatives[1]}. */
  double evaluate(double margin, double label, double[] derivatives);

  /** l''(m) alone, for rebuilding curvature weights from margins. */
  double curvature(double margin, double label);

  /** l(m) alone. */
  default double value(double margin, double label) {
    return evaluate(margin, label, new double[2]);
  }

  @Override
  default int outputs() {
    return 1;
  }
}
