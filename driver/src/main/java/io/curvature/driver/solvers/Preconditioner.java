package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Cholesky;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;

/**
 * A symmetric positive definite M ~ H for conjugate gradients: {@link #apply} gives M^-1 r and {@link #dot} the
 * M-inner product in which the trust region is measured.
 */
public interface Preconditioner {
  double[] apply(double[] r);

  double dot(double[] u, double[] v);

  /** Which preconditioner a Newton-CG solver builds at each point. */
  public enum Kind {
    /** Plain CG. */
    NONE,
    /**
     * LIBLINEAR's M = (1 - a) I + a diag(H), a = 0.01 (Hsia, Chiang and Lin 2018), in LIBLINEAR's scaling, where the
     * identity is the regularizer's Hessian. In MLlib's scaling H is lambda times LIBLINEAR's, so the same M is
     * (1 - a) R + a diag(H) with R the regularizer's Hessian diagonal (lambda for penalized coordinates): mixing with
     * the plain identity instead would make M nearly the identity whenever lambda is small.
     */
    DIAGONAL,
    /**
     * M = the Hessian of a row sample (exact regularizer), factored by Cholesky on the driver: close to H, so CG needs
     * a few steps instead of tens. Its Gram matrix is summed in the same pass as the gradient.
     */
    SAMPLE_HESSIAN,
    /** SAMPLE_HESSIAN up to {@link #SAMPLE_HESSIAN_MAX_DIMENSION} coefficients, DIAGONAL beyond. */
    AUTO;

    /**
     * Above this dimension a dense d x d preconditioner costs more to aggregate (8 d^2 bytes per partition and pass)
     * and factor (d^3 / 3) than the CG steps it saves.
     */
    static final int SAMPLE_HESSIAN_MAX_DIMENSION = 2048;

    /** LIBLINEAR's weight of diag(H) in the diagonal preconditioner (tron.cpp, alpha_pcg). */
    static final double DIAGONAL_MIX = 0.01;

    /** The kind to use on {@code objective}: AUTO picks the sample Hessian where it is offered and pays. */
    Kind resolve(Objective objective) {
      if (this == SAMPLE_HESSIAN && !objective.offers(Extra.SAMPLE_HESSIAN)) {
        throw new IllegalArgumentException("this objective offers no sample Hessian (dimension "
            + objective.dimension() + ")");
      }
      if (this != AUTO) {
        return this;
      }
      return objective.dimension() <= SAMPLE_HESSIAN_MAX_DIMENSION && objective.offers(Extra.SAMPLE_HESSIAN)
          ? SAMPLE_HESSIAN : DIAGONAL;
    }

    /** What the value+gradient pass must also compute for this preconditioner. */
    Extra extra() {
      return switch (this) {
        case NONE -> Extra.NONE;
        case DIAGONAL -> Extra.DIAGONAL;
        case SAMPLE_HESSIAN, AUTO -> Extra.SAMPLE_HESSIAN;
      };
    }

    /** The preconditioner at {@code at} (a resolved kind). */
    Preconditioner build(Evaluation at, Objective objective) {
      return switch (this) {
        case NONE -> identity();
        case DIAGONAL -> diagonal(at.hessianDiagonal(), objective.regularizerCurvature(), DIAGONAL_MIX);
        case SAMPLE_HESSIAN, AUTO -> dense(at.dense().sampleHessian(), at.point().length);
      };
    }
  }

  /** A kind's name in results and reports: none, diagonal, sample-hessian. */
  static String name(Kind kind) {
    return kind.name().toLowerCase().replace('_', '-');
  }

  static Preconditioner identity() {
    return new Preconditioner() {
      @Override
      public double[] apply(double[] r) {
        return r.clone();
      }

      @Override
      public double dot(double[] u, double[] v) {
        return Vectors.dot(u, v);
      }
    };
  }

  /**
   * (1 - mix) r + mix h, entry by entry: mostly the regularizer's curvature r, so a poor diagonal cannot hurt much.
   * An entry with neither (an unpenalized coordinate no row touches) takes the largest other entry: its gradient is
   * 0, so any positive value serves, and 0 would divide by zero.
   */
  static Preconditioner diagonal(double[] h, double[] r, double mix) {
    double[] m = new double[h.length];
    double largest = 0;
    for (int i = 0; i < m.length; i++) {
      m[i] = (1 - mix) * r[i] + mix * h[i];
      largest = Math.max(largest, Double.isFinite(m[i]) ? m[i] : 0);
    }
    for (int i = 0; i < m.length; i++) {
      if (!(m[i] > 0 && Double.isFinite(m[i]))) {
        m[i] = largest > 0 ? largest : 1.0;
      }
    }
    return new Preconditioner() {
      @Override
      public double[] apply(double[] res) {
        double[] z = new double[res.length];
        for (int i = 0; i < res.length; i++) {
          z[i] = res[i] / m[i];
        }
        return z;
      }

      @Override
      public double dot(double[] u, double[] v) {
        return Vectors.weightedDot(u, m, v);
      }
    };
  }

  /** The dense symmetric matrix {@code h} (n x n), factored once; damped if rounding made it indefinite. */
  static Preconditioner dense(double[] h, int n) {
    Cholesky factor = Cholesky.factorDamped(h, n).orElse(null);
    if (factor == null) {
      return identity();                              // a non-finite sample Hessian: plain CG is still correct
    }
    return new Preconditioner() {
      @Override
      public double[] apply(double[] r) {
        return factor.solve(r);
      }

      @Override
      public double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          double hv = 0;
          for (int j = 0; j < n; j++) {
            hv += h[i * n + j] * v[j];
          }
          s += u[i] * hv;
        }
        return s;
      }
    };
  }
}
