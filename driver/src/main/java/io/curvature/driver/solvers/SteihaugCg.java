package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;

/**
 * The trust-region subproblem at one point, min_s g.s + s.H s / 2 subject to ||s||_M <= radius, solved by
 * preconditioned conjugate gradients with Steihaug's rule (Steihaug 1983; Nocedal and Wright, Algorithm 7.2): stop at
 * the boundary, on negative curvature, or when ||r|| <= cgTolerance ||g|| in the preconditioned norm. The norm is
 * the one of the preconditioner M (LIBLINEAR's trpcg, Hsia, Chiang and Lin 2018), so the region is an ellipsoid.
 *
 * <p>An infinite radius gives a truncated-Newton direction (line-search Newton-CG): on negative curvature it stops
 * with the step so far, or with the preconditioned steepest-descent direction when there is none yet.
 */
final class SteihaugCg implements TrustRegionSubproblem {
  private final Evaluation at;
  private final Preconditioner preconditioner;
  private final double cgTolerance;
  private final int maxIterations;

  /** @param cgTolerance relative residual (in the M^-1 norm) at which CG stops, in (0, 1) */
  SteihaugCg(Evaluation at, Preconditioner preconditioner, double cgTolerance, int maxIterations) {
    this.at = at;
    this.preconditioner = preconditioner;
    this.cgTolerance = cgTolerance;
    this.maxIterations = maxIterations;
  }

  @Override
  public Step solve(double radius) {
    double[] g = at.gradient();
    int n = g.length;
    double[] s = new double[n];
    double[] r = Vectors.negate(g);
    double[] z = preconditioner.apply(r);
    double[] d = z.clone();
    double[] hd = new double[n];
    double zr = Vectors.dot(z, r);
    double stopAt = cgTolerance * Math.sqrt(zr);
    int iterations = 0;
    double[] inverseAlpha = new double[Math.max(1, Math.min(Math.min(maxIterations, n), 64))];   // CG's coefficients: the Lanczos tridiagonal, for free
    double[] beta = new double[inverseAlpha.length];
    while (Math.sqrt(zr) > stopAt && iterations < maxIterations) {
      at.hessianVector(d, hd);
      double dHd = Vectors.dot(d, hd);
      if (iterations == inverseAlpha.length) {
        inverseAlpha = java.util.Arrays.copyOf(inverseAlpha, 2 * iterations);
        beta = java.util.Arrays.copyOf(beta, 2 * iterations);
      }
      inverseAlpha[iterations] = dHd / zr;
      iterations++;
      if (!(dHd > 0)) {                                 // negative (or zero) curvature along d
        if (Double.isInfinite(radius)) {
          return new Step(iterations == 1 ? d : s, r, iterations, false, true, mNorm(iterations == 1 ? d : s),
              CgSpectrum.tridiagonal(inverseAlpha, beta, iterations));
        }
        double tau = boundaryStep(s, d, radius);
        Vectors.axpy(tau, d, s);
        Vectors.axpy(-tau, hd, r);
        return new Step(s, r, iterations, true, true, radius, CgSpectrum.tridiagonal(inverseAlpha, beta, iterations));
      }
      double alpha = zr / dHd;
      double[] next = Vectors.plus(s, alpha, d);
      if (mNorm(next) >= radius) {                      // the step leaves the region: stop on its boundary
        double tau = boundaryStep(s, d, radius);
        Vectors.axpy(tau, d, s);
        Vectors.axpy(-tau, hd, r);
        return new Step(s, r, iterations, true, false, radius, CgSpectrum.tridiagonal(inverseAlpha, beta, iterations));
      }
      s = next;
      Vectors.axpy(-alpha, hd, r);
      z = preconditioner.apply(r);
      double zrNext = Vectors.dot(z, r);
      double b = zrNext / zr;
      beta[iterations - 1] = b;
      for (int i = 0; i < n; i++) {
        d[i] = z[i] + b * d[i];
      }
      zr = zrNext;
    }
    return new Step(s, r, iterations, false, false, mNorm(s), CgSpectrum.tridiagonal(inverseAlpha, beta, iterations));
  }

  private double mDot(double[] u, double[] v) {
    return preconditioner.dot(u, v);
  }

  private double mNorm(double[] u) {
    return Math.sqrt(mDot(u, u));
  }

  /**
   * The tau >= 0 with ||s + tau d||_M = radius, by the root formula that avoids cancellation (LIBLINEAR's trpcg).
   */
  private double boundaryStep(double[] s, double[] d, double radius) {
    double sMd = mDot(s, d);
    double sMs = mDot(s, s);
    double dMd = mDot(d, d);
    double gap = Math.max(0.0, radius * radius - sMs);
    double root = Math.sqrt(sMd * sMd + dMd * gap);
    return sMd >= 0 ? gap / (sMd + root) : (root - sMd) / dMd;
  }
}
