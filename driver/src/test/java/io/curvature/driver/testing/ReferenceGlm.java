package io.curvature.driver.testing;

import io.curvature.workers.RandomProblems;

/**
 * Independent references for every model, written with naive loops straight from the formulas on the dense matrix,
 * sharing no code with the kernels, the objective or the solvers: the objective in MLlib's scaling, exact Newton
 * with Gaussian elimination for smooth penalties, and cyclic coordinate descent (exact one-dimensional minimization
 * by bisection on the subgradient) for L1 and elastic net.
 *
 * <p>Coefficient layout: feature-major, w[j K + k], then K intercepts when fitted (K = 1 but for softmax).
 */
public final class ReferenceGlm {
  /** A model's loss and penalty, naive. */
  public record Problem(String loss, int classes, RandomProblems.Matrix m, double lambda, double alpha,
      boolean intercept, boolean standardize) {
    public int outputs() {
      return loss.equals("softmax") ? classes : 1;
    }

    public int dimension() {
      return (m.cols() + (intercept ? 1 : 0)) * outputs();
    }

    double weight(int i) {
      return m.weights() == null ? 1.0 : m.weights()[i];
    }

    double weightSum() {
      double w = 0;
      for (int i = 0; i < m.rows(); i++) {
        w += weight(i);
      }
      return w;
    }

    /** Unbiased weighted standard deviation of column j (or of the labels when j < 0). */
    double std(int j) {
      double w = 0;
      double w2 = 0;
      double sum = 0;
      for (int i = 0; i < m.rows(); i++) {
        double x = j < 0 ? m.labels()[i] : m.data()[i * m.cols() + j];
        w += weight(i);
        w2 += weight(i) * weight(i);
        sum += weight(i) * x;
      }
      double mean = sum / w;
      double m2 = 0;
      for (int i = 0; i < m.rows(); i++) {
        double x = j < 0 ? m.labels()[i] : m.data()[i * m.cols() + j];
        m2 += weight(i) * (x - mean) * (x - mean);
      }
      return Math.sqrt(m2 / (w - w2 / w));
    }

    /** p_j: the feature's standard deviation with standardization, else 1. */
    double scale(int j) {
      return standardize ? std(j) : 1.0;
    }

    /** The L2 weight of coordinate a (0 for intercepts), in MLlib's scaling. */
    public double l2(int a) {
      int j = a / outputs();
      if (j >= m.cols()) {
        return 0;
      }
      double factor = loss.equals("squared") ? 1.0 / std(-1) : 1.0;
      double p = scale(j);
      return factor * lambda * (1 - alpha) * p * p;
    }

    /** The L1 weight of coordinate a. */
    public double l1(int a) {
      int j = a / outputs();
      return j >= m.cols() ? 0 : lambda * alpha * scale(j);
    }

    /** A coordinate held at 0: a feature with no variance under standardization. */
    boolean frozen(int a) {
      int j = a / outputs();
      return standardize && j < m.cols() && std(j) == 0;
    }
  }

  private ReferenceGlm() {}

  /** Margins of row i. */
  private static double[] margins(Problem p, double[] w, int i) {
    int k = p.outputs();
    int d = p.m().cols();
    double[] m = new double[k];
    for (int o = 0; o < k; o++) {
      m[o] = p.intercept() ? w[d * k + o] : 0;
      for (int j = 0; j < d; j++) {
        m[o] += p.m().data()[i * d + j] * w[j * k + o];
      }
    }
    return m;
  }

  /** Row loss, its gradient (length K) and Hessian (K x K) in the margins, from the textbook formulas. */
  private static double row(Problem p, double[] m, double y, double[] g, double[] h) {
    switch (p.loss()) {
      case "logistic" -> {
        double z = y * m[0];
        double sig = 1 / (1 + Math.exp(z));            // sigma(-z)
        g[0] = -y * sig;
        h[0] = sig * (1 - sig);
        return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
      }
      case "squared" -> {
        g[0] = m[0] - y;
        h[0] = 1;
        return 0.5 * (m[0] - y) * (m[0] - y);
      }
      case "poisson" -> {
        g[0] = Math.exp(m[0]) - y;
        h[0] = Math.exp(m[0]);
        return Math.exp(m[0]) - y * m[0];
      }
      case "squared-hinge" -> {
        double slack = 1 - y * m[0];
        g[0] = slack > 0 ? -2 * y * slack : 0;
        h[0] = slack > 0 ? 2 : 0;
        return slack > 0 ? slack * slack : 0;
      }
      case "softmax" -> {
        int k = m.length;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : m) {
          max = Math.max(max, x);
        }
        double[] e = new double[k];
        for (int o = 0; o < k; o++) {
          e[o] = Math.exp(m[o] - max);
          sum += e[o];
        }
        for (int a = 0; a < k; a++) {
          double pa = e[a] / sum;
          g[a] = pa - (a == (int) y ? 1 : 0);
          for (int b = 0; b < k; b++) {
            h[a * k + b] = (a == b ? pa : 0) - pa * e[b] / sum;
          }
        }
        return Math.log(sum) + max - m[(int) y];
      }
      default -> throw new IllegalArgumentException(p.loss());
    }
  }

  /** F(w) = (1/W) sum s_i l_i + sum (a_j/2) w_j^2 + sum c_j |w_j|, frozen coordinates read as 0. */
  public static double value(Problem p, double[] w) {
    return evaluate(p, w, null, null);
  }

  /** The smooth part's Hessian at w, dense, row-major dim x dim (feature-major coordinates: feature j, output k). */
  public static double[] hessian(Problem p, double[] w) {
    int dim = p.dimension();
    double[] h = new double[dim * dim];
    evaluate(p, w, new double[dim], h);
    return h;
  }

  /** The smooth part's gradient at w. */
  public static double[] gradient(Problem p, double[] w) {
    int dim = p.dimension();
    double[] g = new double[dim];
    evaluate(p, w, g, new double[dim * dim]);
    return g;
  }

  /** Smooth part's value; fills the gradient and Hessian of the smooth part when not null. */
  private static double evaluate(Problem p, double[] wIn, double[] grad, double[] hess) {
    int dim = p.dimension();
    int k = p.outputs();
    int d = p.m().cols();
    double[] w = wIn.clone();
    for (int a = 0; a < dim; a++) {
      if (p.frozen(a)) {
        w[a] = 0;
      }
    }
    double total = 0;
    double weightSum = p.weightSum();
    double[] g = new double[k];
    double[] h = new double[k * k];
    double[] x = new double[d + 1];
    if (grad != null) {
      java.util.Arrays.fill(grad, 0);
      java.util.Arrays.fill(hess, 0);
    }
    for (int i = 0; i < p.m().rows(); i++) {
      double s = p.weight(i);
      total += s * row(p, margins(p, w, i), p.m().labels()[i], g, h);
      if (grad == null) {
        continue;
      }
      for (int j = 0; j < d; j++) {
        x[j] = p.m().data()[i * d + j];
      }
      x[d] = 1;
      int features = d + (p.intercept() ? 1 : 0);
      for (int ja = 0; ja < features; ja++) {
        for (int oa = 0; oa < k; oa++) {
          int a = ja * k + oa;
          grad[a] += s * g[oa] * x[ja] / weightSum;
          for (int jb = 0; jb < features; jb++) {
            for (int ob = 0; ob < k; ob++) {
              hess[a * dim + jb * k + ob] += s * h[oa * k + ob] * x[ja] * x[jb] / weightSum;
            }
          }
        }
      }
    }
    double value = total / weightSum;
    for (int a = 0; a < dim; a++) {
      value += 0.5 * p.l2(a) * w[a] * w[a] + p.l1(a) * Math.abs(w[a]);
      if (grad != null) {
        grad[a] += p.l2(a) * w[a];
        hess[a * dim + a] += p.l2(a);
        if (p.frozen(a)) {
          grad[a] = 0;
          for (int b = 0; b < dim; b++) {
            hess[a * dim + b] = 0;
            hess[b * dim + a] = 0;
          }
          hess[a * dim + a] = 1;
        }
      }
    }
    return value;
  }

  /** The minimizer of a smooth problem (alpha = 0) by damped Newton with backtracking. */
  public static double[] newton(Problem p) {
    int dim = p.dimension();
    double[] w = new double[dim];
    double[] g = new double[dim];
    double[] h = new double[dim * dim];
    for (int iteration = 0; iteration < 300; iteration++) {
      double f = evaluate(p, w, g, h);
      double norm = 0;
      for (double x : g) {
        norm += x * x;
      }
      if (Math.sqrt(norm) < 1e-14) {
        return w;
      }
      for (int a = 0; a < dim; a++) {
        h[a * dim + a] += 1e-13;                     // the softmax intercepts' Hessian is singular along (1, ..., 1)
      }
      double[] step = solve(h, g, dim);
      double t = 1;
      double[] trial = new double[dim];
      while (true) {
        for (int a = 0; a < dim; a++) {
          trial[a] = w[a] - t * step[a];
        }
        if (evaluate(p, trial, null, null) <= f || t < 1e-14) {
          break;
        }
        t *= 0.5;
      }
      if (t < 1e-14) {
        return w;
      }
      w = trial.clone();
    }
    return w;
  }

  /**
   * The minimizer of a single-output problem with an L1 part, by cyclic coordinate descent: each coordinate set to
   * the exact minimizer of F along it (bisection on the subgradient), until a sweep moves nothing by more than
   * 1e-13.
   */
  public static double[] coordinateDescent(Problem p) {
    int dim = p.dimension();
    double[] w = new double[dim];
    for (int sweep = 0; sweep < 5000; sweep++) {
      double moved = 0;
      for (int a = 0; a < dim; a++) {
        if (p.frozen(a)) {
          continue;
        }
        double before = w[a];
        w[a] = minimizeAlong(p, w, a);
        moved = Math.max(moved, Math.abs(w[a] - before));
      }
      if (moved < 1e-13) {
        break;
      }
    }
    return w;
  }

  /** df/dw_a of the smooth part at w. */
  private static double partial(Problem p, double[] w, int a) {
    int k = p.outputs();
    int d = p.m().cols();
    int j = a / k;
    int o = a % k;
    double[] g = new double[k];
    double[] h = new double[k * k];
    double sum = 0;
    for (int i = 0; i < p.m().rows(); i++) {
      row(p, margins(p, w, i), p.m().labels()[i], g, h);
      double x = j < d ? p.m().data()[i * d + j] : 1;
      sum += p.weight(i) * g[o] * x;
    }
    return sum / p.weightSum() + p.l2(a) * w[a];
  }

  private static double minimizeAlong(Problem p, double[] w, int a) {
    double c = p.l1(a);
    double[] t = w.clone();
    t[a] = 0;
    double atZero = partial(p, t, a);
    if (Math.abs(atZero) <= c) {
      return 0;
    }
    double sign = atZero > c ? -1 : 1;               // the minimizer lies where the slope changes sign
    double lo = 0;
    double hi = sign;
    for (int expand = 0; expand < 200; expand++) {
      t[a] = hi;
      if (partial(p, t, a) + c * sign * 1 > 0 == sign > 0) {
        break;
      }
      lo = hi;
      hi *= 2;
    }
    for (int bisect = 0; bisect < 200; bisect++) {
      double mid = 0.5 * (lo + hi);
      t[a] = mid;
      double slope = partial(p, t, a) + c * sign;
      if ((slope > 0) == (sign > 0)) {
        hi = mid;
      } else {
        lo = mid;
      }
      if (hi == lo || Math.abs(hi - lo) <= 1e-16 * Math.abs(hi)) {
        break;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Solves A x = b by Gaussian elimination with partial pivoting (naive, A dense n x n). */
  private static double[] solve(double[] aIn, double[] bIn, int n) {
    double[] a = aIn.clone();
    double[] b = bIn.clone();
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) {
          pivot = r;
        }
      }
      for (int c = 0; c < n; c++) {
        double tmp = a[col * n + c];
        a[col * n + c] = a[pivot * n + c];
        a[pivot * n + c] = tmp;
      }
      double tmp = b[col];
      b[col] = b[pivot];
      b[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double factor = a[r * n + col] / a[col * n + col];
        for (int c = col; c < n; c++) {
          a[r * n + c] -= factor * a[col * n + c];
        }
        b[r] -= factor * b[col];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int c = r + 1; c < n; c++) {
        s -= a[r * n + c] * x[c];
      }
      x[r] = s / a[r * n + r];
    }
    return x;
  }

  /**
   * The largest violation of the L1 optimality conditions at w: for w_a = 0, |g_a| <= c_a; else
   * g_a + c_a sign(w_a) = 0 (g the smooth part's gradient).
   */
  public static double optimalityViolation(Problem p, double[] w) {
    double worst = 0;
    for (int a = 0; a < p.dimension(); a++) {
      if (p.frozen(a)) {
        continue;
      }
      double g = partial(p, w, a);
      double c = p.l1(a);
      double violation = w[a] == 0 ? Math.max(0, Math.abs(g) - c) : Math.abs(g + c * Math.signum(w[a]));
      worst = Math.max(worst, violation);
    }
    return worst;
  }
}
