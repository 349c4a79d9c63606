package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.linalg.Lanczos;
import io.curvature.driver.linalg.Tridiagonal;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trust-region subproblem solvers and what their coefficients say about the Hessian, against dense references:
 * CG's Lanczos tridiagonal against Lanczos run from the same start, the tridiagonal eigenvalues and trust-region
 * solution against a Jacobi eigen-decomposition with a bisection on the secular equation, and GLTR against that
 * dense solution of the whole subproblem.
 */
class SubproblemTest {
  private static Evaluation quadraticAt(double[] values, long seed) {
    SaddlePointTest.QuarticObjective f = new SaddlePointTest.QuarticObjective(
        SaddlePointTest.withSpectrum(values, seed), new double[values.length]);
    double[] w = new double[values.length];
    SplittableRandom random = new SplittableRandom(seed + 1);
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble() - 0.5;
    }
    return f.evaluate(w);
  }

  private static double[][] matrixOf(Evaluation at) {
    int n = at.point().length;
    double[][] h = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      at.hessianVector(e, h[j]);
    }
    return h;
  }

  private static double[] logSpaced(int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
    }
    return v;
  }

  @Test
  void cgCoefficientsGiveTheRitzValuesOfLanczosFromTheGradient() {
    Evaluation at = quadraticAt(logSpaced(40, 0.01, 100), 11);
    for (int steps : new int[] {1, 3, 8, 15}) {
      TrustRegionSubproblem.Step step = new SteihaugCg(at, Preconditioner.identity(), 1e-14, steps)
          .solve(Double.POSITIVE_INFINITY);
      assertEquals(steps, step.cgIterations());
      Tridiagonal t = step.lanczos();
      Lanczos.Result reference = Lanczos.run(new Lanczos.Operator() {
        @Override
        public int dimension() {
          return 40;
        }

        @Override
        public void apply(double[] v, double[] out) {
          at.hessianVector(v, out);
        }
      }, steps, at.gradient());
      for (int i = 0; i < steps; i++) {
        assertEquals(reference.ritzValues()[i], t.eigenvalue(i), 1e-9 * 100, "Ritz value " + i + " of " + steps);
      }
      CgSpectrum spectrum = CgSpectrum.of(t, "none", 1);
      assertTrue(spectrum.largest() <= 100 * (1 + 1e-12) && spectrum.smallest() >= 0.01 * (1 - 1e-9));
    }
  }

  @Test
  void preconditionedCgBoundsTheSpectrumOfTheScaledHessian() {
    Evaluation at = quadraticAt(logSpaced(30, 0.1, 1000), 12);
    double[] m = new double[30];
    double[][] h = matrixOf(at);
    for (int i = 0; i < 30; i++) {
      m[i] = h[i][i];
    }
    Preconditioner diagonal = Preconditioner.diagonal(m, new double[30], 1.0);
    double[][] scaled = new double[30][30];                // M^-1/2 H M^-1/2, similar to M^-1 H
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 30; j++) {
        scaled[i][j] = h[i][j] / Math.sqrt(m[i] * m[j]);
      }
    }
    double[] exact = Lanczos.SymmetricEigen.of(scaled).values();
    TrustRegionSubproblem.Step few = new SteihaugCg(at, diagonal, 1e-14, 6).solve(Double.POSITIVE_INFINITY);
    assertTrue(few.lanczos().largest() <= exact[29] * (1 + 1e-10));
    assertTrue(few.lanczos().smallest() >= exact[0] * (1 - 1e-8));
    TrustRegionSubproblem.Step all = new SteihaugCg(at, diagonal, 1e-30, 30).solve(Double.POSITIVE_INFINITY);
    assertEquals(exact[29], all.lanczos().largest(), 1e-8 * exact[29]);
  }

  /** The dense reference: min g.h + h.A h / 2 over ||h|| <= radius by eigen-decomposition and bisection. */
  private static double[] denseTrustRegion(double[][] a, double[] g, double radius) {
    int n = g.length;
    Lanczos.SymmetricEigen e = Lanczos.SymmetricEigen.of(a);
    double[] gv = new double[n];                          // V^T g
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        gv[j] += e.vectors()[i][j] * g[i];
      }
    }
    double lo = Math.max(0, -e.values()[0]);
    double hi = lo + Vectors.norm(g) / radius + 1e3;
    if (e.values()[0] > 0 && normAt(e.values(), gv, 0) <= radius) {
      lo = 0;
      hi = 0;
    }
    for (int it = 0; it < 200 && hi > lo; it++) {
      double mid = 0.5 * (lo + hi);
      if (normAt(e.values(), gv, mid) > radius) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double lambda = hi;
    double[] h = new double[n];
    for (int j = 0; j < n; j++) {
      double coef = -gv[j] / (e.values()[j] + lambda);
      for (int i = 0; i < n; i++) {
        h[i] += coef * e.vectors()[i][j];
      }
    }
    return h;
  }

  private static double normAt(double[] values, double[] gv, double lambda) {
    double s = 0;
    for (int j = 0; j < values.length; j++) {
      s += gv[j] * gv[j] / ((values[j] + lambda) * (values[j] + lambda));
    }
    return Math.sqrt(s);
  }

  private static double model(double[][] a, double[] g, double[] h) {
    double q = Vectors.dot(g, h);
    for (int i = 0; i < h.length; i++) {
      q += 0.5 * h[i] * Vectors.dot(a[i], h);
    }
    return q;
  }

  @Test
  void tridiagonalEigenvaluesAndTrustRegionSolutionsMatchDenseReferences() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + random.nextInt(25);
      double[] diag = new double[k];
      double[] off = new double[k - 1];
      double[][] dense = new double[k][k];
      for (int i = 0; i < k; i++) {
        diag[i] = random.nextDouble() * 4 - (trial % 2 == 0 ? 1 : -0.5);   // odd trials positive definite-ish
        dense[i][i] = diag[i];
        if (i + 1 < k) {
          off[i] = random.nextDouble() + 0.1;
          dense[i][i + 1] = off[i];
          dense[i + 1][i] = off[i];
        }
      }
      Tridiagonal t = new Tridiagonal(diag, off);
      double[] exact = Lanczos.SymmetricEigen.of(dense).values();
      for (int i = 0; i < k; i++) {
        assertEquals(exact[i], t.eigenvalue(i), 1e-12 * 8, "eigenvalue " + i + " of trial " + trial);
      }
      double[] g = new double[k];
      g[0] = -(0.1 + random.nextDouble());                 // Lanczos' right-hand side: a multiple of e1
      for (double radius : new double[] {0.01, 0.5, 3, 100}) {
        double[] h = t.trustRegion(g, radius).h();
        double[] ref = denseTrustRegion(dense, g, radius);
        assertTrue(Vectors.norm(h) <= radius * (1 + 1e-9), "outside the region: trial " + trial + " radius " + radius + " norm " + Vectors.norm(h) + " theta " + t.smallest() + " lambda " + t.trustRegion(g, radius).lambda());
        // at least as low as the reference (which, near the hard case, bisection solves less accurately), and
        // feasible (above)
        assertTrue(model(dense, g, h) <= model(dense, g, ref) + 1e-9 * Math.max(1, Math.abs(model(dense, g, ref))),
            "trial " + trial + " radius " + radius + ": " + model(dense, g, h) + " > " + model(dense, g, ref));
      }
    }
  }

  @Test
  void gltrSolvesTheWholeSubproblemWhereSteihaugStopsAtTheBoundary() {
    double[] values = logSpaced(25, 0.05, 20);
    values[0] = -2;                                          // indefinite: negative curvature to follow
    values[1] = -0.3;
    Evaluation at = quadraticAt(values, 21);
    double[][] h = matrixOf(at);
    double[] g = at.gradient();
    for (double radius : new double[] {0.05, 0.7, 5}) {
      double[] ref = denseTrustRegion(h, g, radius);
      TrustRegionSubproblem.Step gltr = new GltrSubproblem(at, Preconditioner.identity(), 1e-10, 25).solve(radius);
      TrustRegionSubproblem.Step cg = new SteihaugCg(at, Preconditioner.identity(), 1e-10, 25).solve(radius);
      double qRef = model(h, g, ref);
      assertEquals(qRef, model(h, g, gltr.s()), 1e-8 * Math.abs(qRef), "radius " + radius);
      assertTrue(model(h, g, gltr.s()) <= model(h, g, cg.s()) + 1e-12, "GLTR never does worse than Steihaug");
      assertTrue(gltr.hitsBoundary() && gltr.negativeCurvature());
      // the residual it hands the ratio test is -g - H s
      double[] hs = new double[25];
      at.hessianVector(gltr.s(), hs);
      for (int i = 0; i < 25; i++) {
        assertEquals(-g[i] - hs[i], gltr.residual()[i], 1e-8);
      }
      assertEquals(-qRef, gltr.predictedReduction(g), 1e-8 * Math.abs(qRef));
    }
  }
}
