package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Cholesky;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;

/**
 * A symmetric positive definite M ~ H for conjugate gradients: {@link #apply} gives M^-1 r and {@link #dot} the
 * M-inner product in which the trust region is measured.
 */
interface Preconditioner {
  double[] apply(double[] r);

  double dot(double[] u, double[] v);

  /** Which preconditioner a Newton-CG solver builds at each point. */
  enum Kind {
    /** Plain CG. */
    NONE,
    /** LIBLINEAR's M = (1 - a) I + a diag(H), a = 0.01 (Hsia, Chiang and Lin 2018). */
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

    Kind resolve(int dimension) {
      if (this != AUTO) {
        return this;
      }
      return dimension <= SAMPLE_HESSIAN_MAX_DIMENSION ? SAMPLE_HESSIAN : DIAGONAL;
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
    Preconditioner build(Evaluation at) {
      return switch (this) {
        case NONE -> identity();
        case DIAGONAL -> diagonal(at.hessianDiagonal(), 0.01);
        case SAMPLE_HESSIAN, AUTO -> dense(at.sampleHessian(), at.point().length);
      };
    }
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

  /** (1 - mix) I + mix diag(h): mostly identity, so a poor diagonal cannot hurt much. */
  static Preconditioner diagonal(double[] h, double mix) {
    double[] m = new double[h.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = (1 - mix) + mix * h[i];
    }
    return new Preconditioner() {
      @Override
      public double[] apply(double[] r) {
        double[] z = new double[r.length];
        for (int i = 0; i < r.length; i++) {
          z[i] = r[i] / m[i];
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
