package io.curvature.driver.testing;

import io.curvature.driver.linalg.Cholesky;
import io.curvature.workers.RandomProblems;

/**
 * An independent reference optimum: Newton's method with a Cholesky solve on the dense matrix, written with naive
 * loops straight from the formula, sharing no code with the kernels, the objective or the solvers.
 */
public final class ReferenceNewton {
  private ReferenceNewton() {}

  /** f(w) of the problem in MLlib's scaling, by naive loops. */
  public static double value(RandomProblems.Matrix m, double lambda, boolean intercept, double[] w) {
    return evaluate(m, lambda, intercept, w, null, null);
  }

  /** The minimizer, to gradient norm near rounding. */
  public static double[] solve(RandomProblems.Matrix m, double lambda, boolean intercept) {
    int d = m.cols();
    int dim = d + (intercept ? 1 : 0);
    double[] w = new double[dim];
    double[] g = new double[dim];
    double[] h = new double[dim * dim];
    for (int iteration = 0; iteration < 200; iteration++) {
      double f = evaluate(m, lambda, intercept, w, g, h);
      double gnorm = 0;
      for (double x : g) {
        gnorm += x * x;
      }
      if (Math.sqrt(gnorm) < 1e-14) {
        return w;
      }
      double[] step = Cholesky.factor(h, dim).orElseThrow().solve(g);
      double t = 1;                                   // backtracking keeps the reference safe far from w*
      double[] trial = new double[dim];
      while (true) {
        for (int j = 0; j < dim; j++) {
          trial[j] = w[j] - t * step[j];
        }
        if (evaluate(m, lambda, intercept, trial, null, null) <= f || t < 1e-12) {
          break;
        }
        t *= 0.5;
      }
      if (t < 1e-12) {
        return w;
      }
      w = trial.clone();
    }
    return w;
  }

  private static double evaluate(RandomProblems.Matrix m, double lambda, boolean intercept, double[] w, double[] g,
      double[] h) {
    int d = m.cols();
    int dim = w.length;
    double weightSum = 0;
    double loss = 0;
    double[] x = new double[dim];
    if (g != null) {
      java.util.Arrays.fill(g, 0);
      java.util.Arrays.fill(h, 0);
    }
    for (int i = 0; i < m.rows(); i++) {
      double s = m.weights() == null ? 1 : m.weights()[i];
      double y = m.labels()[i];
      for (int j = 0; j < d; j++) {
        x[j] = m.data()[i * d + j];
      }
      if (intercept) {
        x[d] = 1;
      }
      double margin = 0;
      for (int j = 0; j < dim; j++) {
        margin += x[j] * w[j];
      }
      double z = y * margin;
      loss += s * (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
      weightSum += s;
      if (g != null) {
        double p = 1 / (1 + Math.exp(z));             // sigma(-z)
        for (int a = 0; a < dim; a++) {
          g[a] += -s * y * p * x[a];
          for (int b = 0; b < dim; b++) {
            h[a * dim + b] += s * p * (1 - p) * x[a] * x[b];
          }
        }
      }
    }
    double penalty = 0;
    for (int j = 0; j < d; j++) {
      penalty += w[j] * w[j];
    }
    if (g != null) {
      for (int a = 0; a < dim; a++) {
        g[a] /= weightSum;
        for (int b = 0; b < dim; b++) {
          h[a * dim + b] /= weightSum;
        }
      }
      for (int j = 0; j < d; j++) {
        g[j] += lambda * w[j];
        h[j * dim + j] += lambda;
      }
    }
    return loss / weightSum + 0.5 * lambda * penalty;
  }
}
