package io.curvature.workers;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The shape of a factorization machine (Rendle, "Factorization Machines", ICDM 2010) of order 2 with k factors:
 *
 * <pre>
 *   z(x) = w0 + sum_j w_j x_j + sum_{j &lt; l} &lt;V_j, V_l&gt; x_j x_l
 *        = w0 + sum_j w_j x_j + 1/2 sum_f [ (sum_j V_jf x_j)^2 - sum_j V_jf^2 x_j^2 ],
 * </pre>
 *
 * with a margin loss l(z; y) per row (logistic for classification). It holds no coefficients: it says where they are
 * in the packed parameter vector p and which loss they feed.
 *
 * <p>Layout, feature-major as every kernel of this package (K = k + 1 values per feature): p[j (k+1)] = w_j,
 * p[j (k+1) + 1 + f] = V_jf for f &lt; k, and, when the model has an intercept, w0 = p[d (k+1)] last. So a partial sum
 * over rows that touch only some columns is zero outside their (k + 1)-wide slots, and the sparse partials of
 * {@link Supports} apply with K = k + 1.
 *
 * @param loss      the per-row loss of z
 * @param factors   k &gt;= 1
 * @param intercept whether w0 is fitted (else it is 0 and not stored)
 */
public record FactorizationMachine(MarginLoss loss, int factors, boolean intercept) implements Serializable {
  /** Default std of the random initial factors: MLlib's FMClassifier/FMRegressor {@code initStd} default. */
  public static final double DEFAULT_INIT_STD = 0.01;

  public FactorizationMachine {
    if (loss == null) {
      throw new IllegalArgumentException("a factorization machine needs a loss");
    }
    if (factors < 1) {
      throw new IllegalArgumentException("factors is " + factors + ", expected >= 1");
    }
  }

  /** Logistic loss: binary classification, labels stored as -1/+1 (MLlib's FMClassifier). */
  public static FactorizationMachine logistic(int factors, boolean intercept) {
    return new FactorizationMachine(LogisticLoss.INSTANCE, factors, intercept);
  }

  /** Values per feature in the layout: w_j and its k factors. */
  public int stride() {
    return factors + 1;
  }

  /** Length of p for d features. */
  public int dimension(int numFeatures) {
    return Math.addExact(Math.multiplyExact(numFeatures, stride()), intercept ? 1 : 0);
  }

  /** Index of w_j. */
  public int linearIndex(int j) {
    return j * stride();
  }

  /** Index of V_jf. */
  public int factorIndex(int j, int f) {
    return j * stride() + 1 + f;
  }

  /** Index of w0 for d features (only when {@link #intercept()}). */
  public int interceptIndex(int numFeatures) {
    if (!intercept) {
      throw new IllegalStateException("this factorization machine has no intercept");
    }
    return numFeatures * stride();
  }

  /** Doubles of per-row state the gradient pass leaves for the Hessian passes: s l', s l'' and q_1..q_k. */
  public int stateSize() {
    return factors + 2;
  }

  /** The number of features of a parameter vector of length {@code dimension}; checks that it has this layout. */
  public int numFeatures(int dimension) {
    int body = dimension - (intercept ? 1 : 0);
    if (body < 0 || body % stride() != 0) {
      throw new IllegalArgumentException("parameter vector of length " + dimension + " is not d x " + stride()
          + (intercept ? " + 1 intercept" : "") + " for " + factors + " factors");
    }
    return body / stride();
  }

  /**
   * A starting point: w = 0, w0 = 0 and V_jf drawn N(0, initStd^2) in the order j then f from {@code seed}, as MLlib
   * initializes its factors (a random V breaks the symmetry of V = 0, where every factor's gradient is 0). The same
   * seed gives the same bits. {@code initStd} = 0 gives V = 0, the saddle point (gradient 0 in V, and for data with
   * interactions, negative curvature in V).
   */
  public double[] initialPoint(int numFeatures, long seed, double initStd) {
    if (!(initStd >= 0) || Double.isInfinite(initStd)) {
      throw new IllegalArgumentException("initStd is " + initStd + ", expected a finite number >= 0");
    }
    double[] p = new double[dimension(numFeatures)];
    if (initStd > 0) {
      SplittableRandom rng = new SplittableRandom(seed);
      for (int j = 0; j < numFeatures; j++) {
        for (int f = 0; f < factors; f++) {
          p[factorIndex(j, f)] = initStd * rng.nextGaussian();
        }
      }
    }
    return p;
  }

  /** z of one dense row x (length d) at p: the reference the kernels are tested against, O(d^2 k). */
  public double marginOfDenseRow(double[] p, double[] x) {
    int d = x.length;
    double z = intercept ? p[interceptIndex(numFeatures(p.length))] : 0.0;
    for (int j = 0; j < d; j++) {
      z += p[linearIndex(j)] * x[j];
      for (int l = j + 1; l < d; l++) {
        double inner = 0;
        for (int f = 0; f < factors; f++) {
          inner += p[factorIndex(j, f)] * p[factorIndex(l, f)];
        }
        z += inner * x[j] * x[l];
      }
    }
    return z;
  }
}
