package io.curvature.workers;

/**
 * Kernels of a {@link FactorizationMachine} over one block, O(nnz k) each: sums over rows of s_i l(z_i) and its
 * derivatives in the packed parameters p. With q_if = sum_j V_jf x_ij, the Jacobian J_i = dz_i/dp has entries
 * x_j (w_j), x_j q_f - V_jf x_j^2 (V_jf) and 1 (w0), and the second derivative of z_i times a direction v has V-block
 * entries x_j r_f - x_j^2 v_jf, r_f = sum_j v_jf x_j, and is zero elsewhere. So
 *
 * <pre>
 *   gradient          sum_i s_i l'(z_i) J_i
 *   exact H v         sum_i s_i [ l''(z_i) (J_i.v) J_i + l'(z_i) (d2 z_i) v ]
 *   Gauss-Newton G v  sum_i s_i l''(z_i) (J_i.v) J_i        (positive semidefinite when l'' &gt;= 0)
 *   diagonal          sum_i s_i l''(z_i) J_i^2              (of H and of G alike: d2 z_i has a zero diagonal,
 *                                                            since d2 z / dV_jf^2 = x_j^2 - x_j^2)
 * </pre>
 *
 * <p>The value+gradient pass leaves per row s l', s l'' and q_i1..q_ik ({@link FactorizationMachine#stateSize()}) on
 * the block, in the block's curvature cache under the evaluation key, as the GLM kernels leave their curvature
 * weights: the Hessian passes at the same key then make one sweep less per row. When the state is gone (evicted,
 * recomputed block) it is rebuilt from p inside the same pass, so a product is always the one at p.
 *
 * <p>Only sums over rows: no 1/W scaling, no regularizer (the driver adds both once).
 */
public final class FactorizationMachineKernels {
  private FactorizationMachineKernels() {}

  // ---- Entry points an executor task calls (state cached under the evaluation key).

  /**
   * Value+gradient pass at p: returns sum_i s_i l(z_i), adds the gradient to {@code gradient} and, when not null, the
   * Hessian diagonal to {@code diagonal}; caches the rows' state under {@code key}.
   */
  public static double valueGradient(Block block, FactorizationMachine fm, double[] p, long key, double[] gradient,
      double[] diagonal) {
    CurvatureCache cache = block.curvatureCache();
    CurvatureCache.Lease lease = cache.claim(key, stateLength(block, fm));
    try {
      double value = valueGradient(block, fm, p, gradient, lease.buffer(), diagonal);
      cache.publish(lease, key);
      return value;
    } finally {
      cache.release(lease);
    }
  }

  /** Adds H v (exact) or G v (Gauss-Newton) at p, evaluation {@code key}, to {@code out}. */
  public static void hessianVector(Block block, FactorizationMachine fm, double[] p, long key, double[] v,
      boolean gaussNewton, double[] out) {
    CurvatureCache.Lease lease = acquireState(block, fm, p, key);
    try {
      hessianVector(block, fm, p, lease.buffer(), v, gaussNewton, out);
    } finally {
      block.curvatureCache().release(lease);
    }
  }

  /** Adds the Hessian diagonal at p, evaluation {@code key}, to {@code out}. */
  public static void diagonal(Block block, FactorizationMachine fm, double[] p, long key, double[] out) {
    CurvatureCache.Lease lease = acquireState(block, fm, p, key);
    try {
      diagonal(block, fm, p, lease.buffer(), out);
    } finally {
      block.curvatureCache().release(lease);
    }
  }

  private static CurvatureCache.Lease acquireState(Block block, FactorizationMachine fm, double[] p, long key) {
    CurvatureCache cache = block.curvatureCache();
    CurvatureCache.Lease lease = cache.acquire(key);
    if (lease == null) {
      lease = cache.claim(key, stateLength(block, fm));
      valueGradient(block, fm, p, null, lease.buffer(), null);
      cache.publish(lease, key);
    }
    return lease;
  }

  /** Length of the state array of this block. */
  public static int stateLength(Block block, FactorizationMachine fm) {
    return Math.multiplyExact(block.rows(), fm.stateSize());
  }

  // ---- The kernels on explicit state arrays.

  /**
   * Returns sum_i s_i l(z_i); writes each row's state into {@code state}; adds the gradient into {@code gradient} and
   * the diagonal into {@code diagonal} when they are not null (state alone: a rebuild).
   */
  public static double valueGradient(Block block, FactorizationMachine fm, double[] p, double[] gradient,
      double[] state, double[] diagonal) {
    int d = check(block, fm, p, "point");
    int k = fm.factors();
    int stride = fm.stride();
    int size = fm.stateSize();
    double bias = fm.intercept() ? p[d * stride] : 0.0;
    int[] columns = new int[block.numFeatures()];
    double[] values = new double[block.numFeatures()];
    double[] q = new double[k];
    double[] derivatives = new double[2];
    double total = 0.0;
    double biasGradient = 0.0;
    double biasDiagonal = 0.0;
    for (int i = 0; i < block.rows(); i++) {
      int n = block.gatherRow(i, columns, values);
      java.util.Arrays.fill(q, 0.0);
      double linear = 0.0;
      double squares = 0.0;                        // sum_f sum_j V_jf^2 x_j^2
      for (int t = 0; t < n; t++) {
        int base = columns[t] * stride;
        double x = values[t];
        linear += p[base] * x;
        for (int f = 0; f < k; f++) {
          double vx = p[base + 1 + f] * x;
          q[f] += vx;
          squares += vx * vx;
        }
      }
      double pairs = 0.0;
      for (int f = 0; f < k; f++) {
        pairs += q[f] * q[f];
      }
      double z = bias + linear + 0.5 * (pairs - squares);
      double s = block.weight(i);
      total += s * fm.loss().evaluate(z, block.label(i), derivatives);
      double g = s * derivatives[0];
      double c = s * derivatives[1];
      int o = i * size;
      state[o] = g;
      state[o + 1] = c;
      System.arraycopy(q, 0, state, o + 2, k);
      if (gradient == null) {
        continue;
      }
      for (int t = 0; t < n; t++) {                // the row is still in cache for the second sweep
        int base = columns[t] * stride;
        double x = values[t];
        double xx = x * x;
        gradient[base] += g * x;
        if (diagonal != null) {
          diagonal[base] += c * xx;
        }
        for (int f = 0; f < k; f++) {
          double jacobian = x * q[f] - p[base + 1 + f] * xx;
          gradient[base + 1 + f] += g * jacobian;
          if (diagonal != null) {
            diagonal[base + 1 + f] += c * jacobian * jacobian;
          }
        }
      }
      biasGradient += g;
      biasDiagonal += c;
    }
    if (fm.intercept() && gradient != null) {
      gradient[d * stride] += biasGradient;
      if (diagonal != null) {
        diagonal[d * stride] += biasDiagonal;
      }
    }
    return total;
  }

  /** Adds H v ({@code gaussNewton} false) or G v (true) to {@code out}, from the state the gradient pass left. */
  public static void hessianVector(Block block, FactorizationMachine fm, double[] p, double[] state, double[] v,
      boolean gaussNewton, double[] out) {
    int d = check(block, fm, p, "point");
    check(block, fm, v, "direction");
    check(block, fm, out, "output");
    int k = fm.factors();
    int stride = fm.stride();
    int size = fm.stateSize();
    double vBias = fm.intercept() ? v[d * stride] : 0.0;
    int[] columns = new int[block.numFeatures()];
    double[] values = new double[block.numFeatures()];
    double[] r = new double[k];
    double outBias = 0.0;
    for (int i = 0; i < block.rows(); i++) {
      int n = block.gatherRow(i, columns, values);
      int o = i * size;
      double g = state[o];
      double c = state[o + 1];
      java.util.Arrays.fill(r, 0.0);
      double jv = vBias;                           // J_i.v = v0 + sum_j x_j (v_wj + sum_f v_jf (q_f - V_jf x_j))
      for (int t = 0; t < n; t++) {
        int base = columns[t] * stride;
        double x = values[t];
        double inner = v[base];
        for (int f = 0; f < k; f++) {
          double vjf = v[base + 1 + f];
          inner += vjf * (state[o + 2 + f] - p[base + 1 + f] * x);
          r[f] += vjf * x;
        }
        jv += x * inner;
      }
      double alpha = c * jv;
      double beta = gaussNewton ? 0.0 : g;         // the second-order term of z, weighted by s l'
      for (int t = 0; t < n; t++) {
        int base = columns[t] * stride;
        double x = values[t];
        double xx = x * x;
        out[base] += alpha * x;
        for (int f = 0; f < k; f++) {
          double jacobian = x * state[o + 2 + f] - p[base + 1 + f] * xx;
          out[base + 1 + f] += alpha * jacobian + beta * (x * r[f] - xx * v[base + 1 + f]);
        }
      }
      outBias += alpha;
    }
    if (fm.intercept()) {
      out[d * stride] += outBias;
    }
  }

  /** Adds sum_i s_i l''(z_i) J_i^2, the diagonal of both H and G, to {@code out}. */
  public static void diagonal(Block block, FactorizationMachine fm, double[] p, double[] state, double[] out) {
    int d = check(block, fm, p, "point");
    check(block, fm, out, "output");
    int k = fm.factors();
    int stride = fm.stride();
    int size = fm.stateSize();
    int[] columns = new int[block.numFeatures()];
    double[] values = new double[block.numFeatures()];
    double outBias = 0.0;
    for (int i = 0; i < block.rows(); i++) {
      int n = block.gatherRow(i, columns, values);
      int o = i * size;
      double c = state[o + 1];
      for (int t = 0; t < n; t++) {
        int base = columns[t] * stride;
        double x = values[t];
        double xx = x * x;
        out[base] += c * xx;
        for (int f = 0; f < k; f++) {
          double jacobian = x * state[o + 2 + f] - p[base + 1 + f] * xx;
          out[base + 1 + f] += c * jacobian * jacobian;
        }
      }
      outBias += c;
    }
    if (fm.intercept()) {
      out[d * stride] += outBias;
    }
  }

  /** Checks that {@code p} has the layout for at least the block's features; returns d. */
  private static int check(Block block, FactorizationMachine fm, double[] p, String what) {
    int d = fm.numFeatures(p.length);
    if (d < block.numFeatures()) {
      throw new IllegalArgumentException(what + " has length " + p.length + ", expected at least "
          + fm.dimension(block.numFeatures()) + " (" + block.numFeatures() + " features x " + fm.stride()
          + (fm.intercept() ? " + 1 intercept)" : ")"));
    }
    return d;
  }
}
