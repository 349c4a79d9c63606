package io.curvature.workers;

/**
 * Poisson regression with the log link, the negative log-likelihood of a count y at rate exp(m) without its constant
 * log(y!): l(m) = exp(m) - y m, l' = exp(m) - y, l'' = exp(m) (MLlib's GeneralizedLinearRegression, family poisson,
 * link log, minimizes the same likelihood). exp(m) overflows past m = 709: the value becomes +infinity, which line
 * searches and trust regions treat as a rejected trial point.
 */
public final class PoissonLoss implements MarginLoss {
  private static final long serialVersionUID = 1L;

  /** The loss (stateless: one instance, also after deserialization). */
  public static final PoissonLoss INSTANCE = new PoissonLoss();

  private PoissonLoss() {}

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return name();
  }

  @Override
  public String name() {
    return "poisson";
  }

  @Override
  public LabelDomain labelDomain() {
    return LabelDomain.COUNT;
  }

  @Override
  public double evaluate(double margin, double label, double[] out) {
    double mu = Math.exp(margin);
    out[0] = mu - label;
    out[1] = mu;
    return label == 0.0 ? mu : mu - label * margin;   // 0 * (-inf) would be NaN
  }

  @Override
  public double curvature(double margin, double label) {
    return Math.exp(margin);
  }
}
