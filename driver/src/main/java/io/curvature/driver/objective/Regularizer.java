package io.curvature.driver.objective;

import java.util.Arrays;

/**
 * The penalty of a GLM objective, coordinate by coordinate: a smooth part sum_j (a_j / 2) w_j^2 and an L1 part
 * sum_j c_j |w_j|, kept apart because only the smooth part enters gradients and Hessians (the L1 part is OWL-QN's).
 * Intercepts have a_j = c_j = 0. Coordinates can also be frozen at 0: they take no part in the objective (a feature
 * with no variance under standardization, whose standardized column does not exist).
 *
 * <p>MLlib's elastic net, lambda (alpha ||w||_1 + (1 - alpha)/2 ||w||_2^2), with standardization applies the penalty
 * to coefficients in units of each feature's standard deviation sigma_j: a_j = lambda (1 - alpha) sigma_j^2,
 * c_j = lambda alpha sigma_j ({@link #elasticNet}).
 */
public final class Regularizer {
  private final double[] l2;
  private final double[] l1;
  private final boolean[] frozen;
  /** sigma_j per feature under standardization, else null: the units the penalty measures each feature in. */
  private final double[] featureScale;

  /**
   * @param l2     a_j per coordinate (>= 0)
   * @param l1     c_j per coordinate (>= 0), or null for none
   * @param frozen coordinates held at 0, or null for none
   */
  public Regularizer(double[] l2, double[] l1, boolean[] frozen) {
    this(l2, l1, frozen, null);
  }

  private Regularizer(double[] l2, double[] l1, boolean[] frozen, double[] featureScale) {
    for (int j = 0; j < l2.length; j++) {
      if (!(l2[j] >= 0 && Double.isFinite(l2[j])) || (l1 != null && !(l1[j] >= 0 && Double.isFinite(l1[j])))) {
        throw new IllegalArgumentException("penalty weights of coordinate " + j + " are " + l2[j] + " (L2) and "
            + (l1 == null ? 0 : l1[j]) + " (L1), expected finite and >= 0");
      }
    }
    if ((l1 != null && l1.length != l2.length) || (frozen != null && frozen.length != l2.length)) {
      throw new IllegalArgumentException("penalty weights of different lengths");
    }
    this.l2 = l2.clone();
    this.l1 = l1 == null || Arrays.stream(l1).allMatch(c -> c == 0) ? null : l1.clone();
    this.frozen = frozen == null || !anyTrue(frozen) ? null : frozen.clone();
    this.featureScale = featureScale == null ? null : featureScale.clone();
  }

  /** lambda/2 ||w||^2 on the first {@code penalized} coordinates, nothing on the others (intercepts). */
  public static Regularizer l2(int dimension, int penalized, double lambda) {
    double[] a = new double[dimension];
    Arrays.fill(a, 0, penalized, lambda);
    return new Regularizer(a, null, null);
  }

  /**
   * MLlib's elastic net on a feature-major layout of {@code numFeatures} x {@code outputs} weights followed by
   * {@code intercepts} unpenalized coordinates: weight (j, k) gets a = l2Factor lambda (1 - alpha) scale_j^2 and
   * c = lambda alpha scale_j. {@code scale} null means 1 for every feature (no standardization); a feature whose
   * scale is 0 is frozen at 0 when {@code freezeZeroScale}.
   */
  public static Regularizer elasticNet(int numFeatures, int outputs, int intercepts, double lambda, double alpha,
      double l2Factor, double[] scale, boolean freezeZeroScale) {
    int dimension = numFeatures * outputs + intercepts;
    double[] a = new double[dimension];
    double[] c = new double[dimension];
    boolean[] frozen = new boolean[dimension];
    for (int j = 0; j < numFeatures; j++) {
      double sigma = scale == null ? 1.0 : scale[j];
      for (int k = 0; k < outputs; k++) {
        int at = j * outputs + k;
        a[at] = l2Factor * lambda * (1 - alpha) * sigma * sigma;
        c[at] = lambda * alpha * sigma;
        frozen[at] = freezeZeroScale && sigma == 0.0;
      }
    }
    return new Regularizer(a, c, frozen, scale);
  }

  public int dimension() {
    return l2.length;
  }

  /** sum_j c_j |w_j|. */
  public double l1Value(double[] w) {
    if (l1 == null) {
      return 0.0;
    }
    double s = 0;
    for (int j = 0; j < l1.length; j++) {
      s += l1[j] * Math.abs(w[j]);
    }
    return s;
  }

  /**
   * A pass's data sums made into f's, in one sweep: g_j = g_j / W + a_j w_j and, when d is given, d_j = d_j / W +
   * a_j; returns sum_j (a_j / 2) w_j^2 (summed in index order). One sweep where dividing, adding a w and summing the
   * value took three (four with the diagonal): at d = 10^6 each sweep saved is 1 to 2 ms a pass.
   */
  public double addToDataSums(double[] w, double[] g, double[] d, double weightSum) {
    double s = 0;
    if (d == null) {
      for (int j = 0; j < l2.length; j++) {
        double aw = l2[j] * w[j];
        g[j] = g[j] / weightSum + aw;
        s += aw * w[j];
      }
    } else {
      for (int j = 0; j < l2.length; j++) {
        double aw = l2[j] * w[j];
        g[j] = g[j] / weightSum + aw;
        d[j] = d[j] / weightSum + l2[j];
        s += aw * w[j];
      }
    }
    return 0.5 * s;
  }

  /** a (a copy): the smooth part's Hessian diagonal. */
  public double[] curvature() {
    return l2.clone();
  }

  double curvature(int j) {
    return l2[j];
  }

  /** The L1 weights c, or null when there is no L1 part (a copy). */
  public double[] l1Weights() {
    return l1 == null ? null : l1.clone();
  }

  /**
   * Each feature's scale in the penalty (its standard deviation under standardization), or null when the penalty
   * takes the features in their own units (a copy).
   */
  public double[] featureScale() {
    return featureScale == null ? null : featureScale.clone();
  }

  /** Whether coordinate j is held at 0. */
  public boolean frozen(int j) {
    return frozen != null && frozen[j];
  }

  public boolean hasFrozen() {
    return frozen != null;
  }

  private static boolean anyTrue(boolean[] b) {
    for (boolean x : b) {
      if (x) {
        return true;
      }
    }
    return false;
  }
}
