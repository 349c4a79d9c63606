package io.curvature.workers;

/**
 * Sigmoid loss (a smoothed ramp, the bounded non-convex loss of Mason, Baxter, Bartlett and Frean, "Boosting
 * algorithms as gradient descent", NIPS 1999), label y in {-1, +1}: with z = y m and p = sigma(z),
 *
 * <pre>
 *   l(m) = sigma(-z) = 1 / (1 + exp(z)) = 1 - p,
 *   l'(m) = -y p (1 - p),
 *   l''(m) = p (1 - p) (2 p - 1).
 * </pre>
 *
 * <p>The loss is bounded by 1, so a mislabelled row far on the wrong side costs at most 1 and pulls on the model with
 * a gradient that vanishes as it moves away (label-noise tolerance the logistic loss lacks). The price is convexity:
 * l'' &lt; 0 wherever z &lt; 0 (a misclassified row), so the curvature weights s l''(m) the kernels store can be
 * negative and the Hessian X^T D X indefinite. Every kernel in this package computes exact products, diagonals and
 * Hessian sums with negative weights (see {@code Block.gram}).
 */
public final class SigmoidLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  /** The loss (stateless: one instance, also after deserialization). */
  public static final SigmoidLoss INSTANCE = new SigmoidLoss();

  /**
   * Below this |z|, 1 - exp(-|z|) is taken from expm1: the subtraction would lose log2(1/|z|) bits, and 2p - 1 (the
   * sign-changing factor of l'') would carry that relative error near the sign change. Above it the loss is at most
   * about 2 bits, which the direct form affords, and it saves a transcendental call per row.
   */
  private static final double EXPM1_BELOW = 0.35;

  private SigmoidLoss() {}

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public String name() {
    return "sigmoid";
  }

  @Override
  public boolean convex() {
    return false;
  }

  @Override
  public LabelDomain labelDomain() {
    return LabelDomain.BINARY;
  }

  @Override
  public double evaluate(double margin, double label, double[] out) {
    double z = label * margin;
    double a = Math.abs(z);
    double e = Math.exp(-a);                    // in (0, 1]: never overflows
    double onePlusE = 1.0 + e;
    double pq = e / (onePlusE * onePlusE);      // p (1 - p), symmetric in z
    out[0] = -label * pq;
    out[1] = pq * signedTanh(z, a, e, onePlusE);
    return z >= 0 ? e / onePlusE : 1.0 / onePlusE;
  }

  @Override
  public double curvature(double margin, double label) {
    double z = label * margin;
    double a = Math.abs(z);
    double e = Math.exp(-a);
    double onePlusE = 1.0 + e;
    return e / (onePlusE * onePlusE) * signedTanh(z, a, e, onePlusE);
  }

  @Override
  public double value(double margin, double label) {
    return Numerics.sigmoid(-label * margin);
  }

  /** 2 sigma(z) - 1 = tanh(z / 2) = sign(z) (1 - e) / (1 + e), e = exp(-|z|), accurate near z = 0. */
  private static double signedTanh(double z, double a, double e, double onePlusE) {
    double oneMinusE = a < EXPM1_BELOW ? -Math.expm1(-a) : 1.0 - e;
    double t = oneMinusE / onePlusE;
    return z >= 0 ? t : -t;
  }
}
