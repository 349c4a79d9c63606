package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.linalg.Lanczos;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A non-convex f with a saddle point at the start: f(w) = w.A w / 2 + sum_i c_i w_i^4 / 4, A symmetric with
 * negative eigenvalues, c > 0 (bounded below). At w = 0 the gradient is exactly zero and the Hessian A is
 * indefinite. First-order methods cannot leave (no gradient to follow); trust-region Newton-CG, with its
 * second-order test, must find the negative curvature, leave, and stop at a point whose Hessian A + diag(3 c w^2)
 * is positive definite (checked by a dense eigen-decomposition), with f below f(0) = 0.
 */
class SaddlePointTest {
  /** f above, with exact gradient and Hessian products; counts evaluations and products as passes. */
  static final class QuarticObjective implements Objective {
    final double[][] a;
    final double[] c;
    long passes;

    QuarticObjective(double[][] a, double[] c) {
      this.a = a;
      this.c = c;
    }

    @Override
    public int dimension() {
      return c.length;
    }

    @Override
    public boolean convex() {
      return false;
    }

    @Override
    public long passes() {
      return passes;
    }

    double[][] hessian(double[] w) {
      int n = c.length;
      double[][] h = new double[n][];
      for (int i = 0; i < n; i++) {
        h[i] = a[i].clone();
        h[i][i] += 3 * c[i] * w[i] * w[i];
      }
      return h;
    }

    @Override
    public Evaluation evaluate(double[] w, io.curvature.driver.objective.Extra extra) {
      passes++;
      int n = c.length;
      double[] x = w.clone();
      double[] g = new double[n];
      double f = 0;
      for (int i = 0; i < n; i++) {
        double ax = Vectors.dot(a[i], x);
        g[i] = ax + c[i] * x[i] * x[i] * x[i];
        f += 0.5 * x[i] * ax + 0.25 * c[i] * x[i] * x[i] * x[i] * x[i];
      }
      double[][] h = hessian(x);
      double value = f;
      return new Evaluation() {
        @Override
        public double[] point() {
          return x;
        }

        @Override
        public double value() {
          return value;
        }

        @Override
        public double[] gradient() {
          return g;
        }

        @Override
        public void hessianVector(double[] v, double[] out) {
          passes++;
          for (int i = 0; i < n; i++) {
            out[i] = Vectors.dot(h[i], v);
          }
        }

        @Override
        public double[] hessianDiagonal() {
          double[] d = new double[n];
          for (int i = 0; i < n; i++) {
            d[i] = h[i][i];
          }
          return d;
        }
      };
    }
  }

  /** A = Q diag(values) Q^T with Q a random orthogonal matrix (Gram-Schmidt of a Gaussian one). */
  static double[][] withSpectrum(double[] values, long seed) {
    int n = values.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[][] q = new double[n][];
    for (int j = 0; j < n; j++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextDouble() - 0.5;
      }
      for (int k = 0; k < j; k++) {
        Vectors.axpy(-Vectors.dot(v, q[k]), q[k], v);
      }
      Vectors.scale(1 / Vectors.norm(v), v);
      q[j] = v;
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += q[j][i] * values[j] * q[j][k];
        }
        a[i][k] = s;
      }
    }
    return a;
  }

  static QuarticObjective saddle(int n, long seed) {
    double[] values = new double[n];
    for (int j = 0; j < n; j++) {
      values[j] = j < 2 ? -1.0 - j : 0.5 + j;           // two negative eigenvalues, the rest positive
    }
    double[] c = new double[n];
    java.util.Arrays.fill(c, 1.0);
    return new QuarticObjective(withSpectrum(values, seed), c);
  }

  static double smallestEigenvalue(double[][] h) {
    return Lanczos.SymmetricEigen.of(h).values()[0];
  }

  @Test
  void trustRegionNewtonCgLeavesTheSaddleAndCertifiesAMinimum() {
    for (String subproblem : new String[] {"tron", "tron-gltr", "auto"}) {
      QuarticObjective f = saddle(12, 3);
      SolverResult r = Solvers.create(subproblem, new StoppingRule(1e-8, 200), new ProblemSize(1, 12, 12, 1, 1), 1)
          .minimize(f, new double[12], IterationListener.NONE);
      assertEquals(Status.CONVERGED, r.status(), subproblem + ": " + r.message());
      assertTrue(r.objective() < -0.1, subproblem + " stayed near the saddle: f = " + r.objective());
      double[] w = r.w();
      double lambdaMin = smallestEigenvalue(f.hessian(w));
      assertTrue(lambdaMin > 0, subproblem + " stopped where the Hessian has eigenvalue " + lambdaMin);
      assertTrue(r.message().contains("second-order test"), r.message());
      assertTrue(r.gradientNorm() < 1e-6, "gradient " + r.gradientNorm());
    }
  }

  @Test
  void firstOrderMethodsStallAtTheSaddle() {
    QuarticObjective f = saddle(12, 3);
    // Gradient descent: the gradient is exactly zero at the start, so every step is zero.
    double[] w = new double[12];
    for (int k = 0; k < 100; k++) {
      Vectors.axpy(-0.05, f.evaluate(w).gradient(), w);
    }
    assertEquals(0.0, Vectors.norm(w));
    SolverResult lbfgs = Solvers.create("lbfgs", new StoppingRule(1e-8, 200)).minimize(f, new double[12], IterationListener.NONE);
    assertEquals(0.0, Vectors.norm(lbfgs.w()), "L-BFGS has no gradient to follow");
    assertEquals(0.0, lbfgs.objective());
    assertTrue(lbfgs.message().contains("negative curvature"), "the saddle is reported: " + lbfgs.message());
  }

  @Test
  void aRunStartedOffTheSaddleWithATinyGradientIsNotCertifiedThere() {
    // Start near the saddle along a direction of positive curvature only: CG's Newton step goes toward the saddle;
    // the second-order test must then leave it rather than stop.
    QuarticObjective f = saddle(8, 5);
    double[] w0 = new double[8];
    w0[7] = 1e-6;
    SolverResult r = Solvers.create("tron", new StoppingRule(1e-10, 200)).minimize(f, w0, IterationListener.NONE);
    assertTrue(r.objective() < -0.1, "f = " + r.objective() + ": " + r.message());
    assertTrue(smallestEigenvalue(f.hessian(r.w())) > 0);
  }
}
