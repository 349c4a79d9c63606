package io.curvature.workers;

import java.util.SplittableRandom;

/** Labels for {@link RandomProblems} matrices that fit each loss's domain, drawn from a planted model. */
public final class LossProblems {
  private LossProblems() {}

  /**
   * The same rows with labels for {@code loss}: the binary labels as they are for logistic and squared hinge; a noisy
   * linear response for least squares; Poisson counts at rate exp(planted margin / 2) for Poisson; for softmax, the
   * class of the largest of K planted margins plus Gumbel noise (a draw from the softmax model).
   */
  public static RandomProblems.Matrix relabel(RandomProblems.Matrix m, RowLoss loss, long seed) {
    if (loss.labelDomain() == LabelDomain.BINARY) {
      return m;
    }
    int k = loss.outputs();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] planted = new double[m.cols() * k];
    for (int j = 0; j < planted.length; j++) {
      planted[j] = rng.nextGaussian() / Math.sqrt(Math.max(1, m.cols() * 0.3));
    }
    double[] labels = new double[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      double[] margins = new double[k];
      for (int j = 0; j < m.cols(); j++) {
        double x = m.data()[i * m.cols() + j];
        for (int o = 0; o < k; o++) {
          margins[o] += x * planted[j * k + o];
        }
      }
      labels[i] = switch (loss.labelDomain()) {
        case REAL -> margins[0] + 0.3 * rng.nextGaussian();
        case COUNT -> poisson(rng, Math.exp(Math.max(-5, Math.min(3, 0.5 * margins[0]))));
        case CLASS_INDEX -> {
          int best = 0;
          double bestValue = Double.NEGATIVE_INFINITY;
          for (int o = 0; o < k; o++) {
            double gumbel = margins[o] - Math.log(-Math.log(1 - rng.nextDouble()));
            if (gumbel > bestValue) {
              bestValue = gumbel;
              best = o;
            }
          }
          yield i < k ? i : best;                    // every class appears at least once
        }
        default -> throw new IllegalStateException();
      };
    }
    return new RandomProblems.Matrix(m.rows(), m.cols(), m.data(), labels, m.weights());
  }

  /** Knuth's multiplication method: fine for the small rates used here. */
  private static double poisson(SplittableRandom rng, double rate) {
    double limit = Math.exp(-rate);
    double product = rng.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      count++;
    }
    return count;
  }
}
