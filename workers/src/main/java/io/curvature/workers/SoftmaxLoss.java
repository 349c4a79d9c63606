package io.curvature.workers;

/**
 * Multinomial logistic (softmax) loss over K classes, label y in {0, ..., K-1}, with no reference class (MLlib's
 * {@code family = multinomial}): l(m) = log sum_k exp(m_k) - m_y, gradient p - e_y with p = softmax(m), Hessian
 * A = diag(p) - p p^T. The per-row state is p (K values): A u = p o u - p (p.u), without a K x K matrix.
 *
 * <p>A = sum_r p_r (e_r - p)(e_r - p)^T (expand: diag(p) - 2 p p^T + p p^T), which gives the factor for Gram kernels.
 */
public record SoftmaxLoss(int classes) implements MultiOutputLoss {
  public SoftmaxLoss {
    if (classes < 2 || classes > LabelDomain.MAX_CLASSES) {
      throw new IllegalArgumentException("a softmax loss needs 2 to " + LabelDomain.MAX_CLASSES + " classes, not "
          + classes);
    }
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public int outputs() {
    return classes;
  }

  @Override
  public LabelDomain labelDomain() {
    return LabelDomain.CLASS_INDEX;
  }

  @Override
  public double evaluate(double[] margins, double label, double[] derivative, double[] state, int offset) {
    int y = classOf(label);
    double max = margins[0];
    for (int k = 1; k < classes; k++) {
      max = Math.max(max, margins[k]);
    }
    double sum = 0.0;
    for (int k = 0; k < classes; k++) {
      double e = Math.exp(margins[k] - max);          // <= 1: never overflows
      state[offset + k] = e;
      sum += e;
    }
    double inverse = 1.0 / sum;
    for (int k = 0; k < classes; k++) {
      double p = state[offset + k] * inverse;
      state[offset + k] = p;
      derivative[k] = p;
    }
    derivative[y] -= 1.0;
    return Math.log(sum) + max - margins[y];           // sum >= 1: the log is well conditioned
  }

  @Override
  public void state(double[] margins, double label, double[] state, int offset) {
    double max = margins[0];
    for (int k = 1; k < classes; k++) {
      max = Math.max(max, margins[k]);
    }
    double sum = 0.0;
    for (int k = 0; k < classes; k++) {
      double e = Math.exp(margins[k] - max);
      state[offset + k] = e;
      sum += e;
    }
    double inverse = 1.0 / sum;
    for (int k = 0; k < classes; k++) {
      state[offset + k] *= inverse;
    }
  }

  @Override
  public void hessianProduct(double[] state, int offset, double[] u, double[] out) {
    double pu = 0.0;
    for (int k = 0; k < classes; k++) {
      pu += state[offset + k] * u[k];
    }
    for (int k = 0; k < classes; k++) {
      out[k] = state[offset + k] * (u[k] - pu);
    }
  }

  @Override
  public void hessianDiagonal(double[] state, int offset, double[] out) {
    for (int k = 0; k < classes; k++) {
      double p = state[offset + k];
      out[k] = p * (1.0 - p);
    }
  }

  @Override
  public double hessianTrace(double[] state, int offset) {
    double t = 0.0;
    for (int k = 0; k < classes; k++) {
      double p = state[offset + k];
      t += p * (1.0 - p);
    }
    return t;
  }

  @Override
  public void hessianFactor(double[] state, int offset, double[] factor) {
    for (int r = 0; r < classes; r++) {
      double root = Math.sqrt(state[offset + r]);
      for (int k = 0; k < classes; k++) {
        factor[r * classes + k] = -root * state[offset + k];
      }
      factor[r * classes + r] += root;                 // sqrt(p_r) (e_r - p)
    }
  }

  private int classOf(double label) {
    int y = (int) label;
    if (y != label || y < 0 || y >= classes) {
      throw new IllegalArgumentException("label " + label + " is not a class of " + classes + " (0 to "
          + (classes - 1) + ")");
    }
    return y;
  }
}
