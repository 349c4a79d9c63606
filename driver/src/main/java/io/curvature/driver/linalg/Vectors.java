package io.curvature.driver.linalg;

/**
 * The few level-1 operations the solvers need, on plain arrays (d is small next to a pass over the data; inner
 * products of 2^14 entries or more go to {@link ChunkedSums}, where a wide model's vector work pays).
 */
public final class Vectors {
  private Vectors() {}

  public static double dot(double[] a, double[] b) {
    if (a.length >= ChunkedSums.CHUNK && a.length == b.length) {
      return ChunkedSums.dot(a, b);                  // wide models: four running sums, chunks on both cores
    }
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** y += alpha x. */
  public static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** x + alpha d, as a new array. */
  public static double[] plus(double[] x, double alpha, double[] d) {
    double[] r = x.clone();
    axpy(alpha, d, r);
    return r;
  }

  public static void scale(double alpha, double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= alpha;
    }
  }

  /** -x, as a new array. */
  public static double[] negate(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = -x[i];
    }
    return r;
  }

  /** sum_i u_i m_i v_i, the inner product weighted by a diagonal. */
  public static double weightedDot(double[] u, double[] m, double[] v) {
    double s = 0.0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * m[i] * v[i];
    }
    return s;
  }
}
