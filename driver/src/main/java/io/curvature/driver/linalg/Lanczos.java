package io.curvature.driver.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Extreme eigenvalues of a symmetric operator by the Lanczos process with full reorthogonalization (Golub and Van
 * Loan, 4th ed., 10.3): k products build an orthonormal basis Q of the Krylov space and the tridiagonal T = Q^T A Q,
 * whose eigenvalues (Ritz values) approach A's extreme eigenvalues from inside the spectrum. Reorthogonalizing
 * against every earlier vector (twice, classical Gram-Schmidt) costs k d flops a step and keeps k d doubles, nothing
 * next to a pass over the data, and prevents the spurious copies of converged values plain Lanczos produces.
 *
 * <p>For a Ritz pair (theta, Q y) the residual ||A Q y - theta Q y|| = beta_k |y_k|, and A has an eigenvalue within
 * that residual of theta (Parlett, The Symmetric Eigenvalue Problem, 4.5). The largest Ritz value is a lower bound on
 * lambda_max and the smallest an upper bound on lambda_min; the smallest converges slowly when A is ill-conditioned,
 * which its residual shows.
 */
public final class Lanczos {
  private Lanczos() {}

  /** A symmetric linear operator: the Hessian at a point, applied by one pass over the data. */
  public interface Operator {
    int dimension();

    void apply(double[] v, double[] out);
  }

  /**
   * What k steps found.
   *
   * @param ritzValues ascending eigenvalues of T
   * @param residuals  the residual bound of each Ritz value (0 when the Krylov space became invariant)
   * @param products   operator applications made (one pass each on distributed data)
   * @param exhausted  the Krylov space became invariant: the Ritz values are exact eigenvalues of A
   * @param smallestVector the unit Ritz vector of the smallest Ritz value (Q y): a direction of negative curvature
   *                   when that value is negative, since its Rayleigh quotient equals it
   */
  public record Result(double[] ritzValues, double[] residuals, int products, boolean exhausted,
      double[] smallestVector) {
    public double largest() {
      return ritzValues[ritzValues.length - 1];
    }

    public double largestResidual() {
      return residuals[residuals.length - 1];
    }

    public double smallest() {
      return ritzValues[0];
    }

    public double smallestResidual() {
      return residuals[0];
    }
  }

  /** Runs at most {@code steps} products from a start vector drawn from {@code seed} (so a run repeats). */
  public static Result run(Operator a, int steps, long seed) {
    double[] v = new double[a.dimension()];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextDouble() - 0.5;
    }
    return run(a, steps, v);
  }

  /** Runs at most {@code steps} products from {@code start} (nonzero). */
  public static Result run(Operator a, int steps, double[] start) {
    int d = a.dimension();
    if (steps < 1 || d < 1) {
      throw new IllegalArgumentException("Lanczos needs steps >= 1 and dimension >= 1, got " + steps + ", " + d);
    }
    int k = Math.min(steps, d);
    double[][] q = new double[k][];
    double[] alpha = new double[k];
    double[] beta = new double[k];
    double[] v = start.clone();
    Vectors.scale(1 / Vectors.norm(v), v);
    int m = 0;
    boolean exhausted = false;
    double scaleOfT = 0;
    double[] w = new double[d];
    while (m < k) {
      q[m] = v;
      a.apply(v, w);
      double am = Vectors.dot(w, v);
      alpha[m] = am;
      for (int i = 0; i < d; i++) {
        w[i] -= am * v[i] + (m > 0 ? beta[m - 1] * q[m - 1][i] : 0);
      }
      for (int pass = 0; pass < 2; pass++) {            // "twice is enough" (Kahan, Parlett)
        for (int j = 0; j <= m; j++) {
          Vectors.axpy(-Vectors.dot(w, q[j]), q[j], w);
        }
      }
      double b = Vectors.norm(w);
      scaleOfT = Math.max(scaleOfT, Math.abs(am) + b + (m > 0 ? beta[m - 1] : 0));
      beta[m] = b;
      m++;
      if (!(b > 1e-12 * scaleOfT)) {                     // the Krylov space is invariant: T's values are A's
        exhausted = true;
        break;
      }
      v = w.clone();
      Vectors.scale(1 / b, v);
    }
    double[][] t = new double[m][m];
    for (int i = 0; i < m; i++) {
      t[i][i] = alpha[i];
      if (i + 1 < m) {
        t[i][i + 1] = beta[i];
        t[i + 1][i] = beta[i];
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(t);
    double[] residuals = new double[m];
    for (int i = 0; i < m; i++) {
      residuals[i] = exhausted ? 0 : beta[m - 1] * Math.abs(eigen.vectors()[m - 1][i]);
    }
    double[] smallestVector = new double[d];
    for (int j = 0; j < m; j++) {
      Vectors.axpy(eigen.vectors()[j][0], q[j], smallestVector);
    }
    return new Result(eigen.values(), residuals, m, exhausted, smallestVector);
  }

  /**
   * Eigenvalues (ascending) and eigenvectors (columns, in the same order) of a small dense symmetric matrix by cyclic
   * Jacobi rotations: slow in the matrix size, but T is at most a few hundred wide, and Jacobi is accurate to
   * rounding in every eigenvalue, small ones included.
   */
  public record SymmetricEigen(double[] values, double[][] vectors) {
    public static SymmetricEigen of(double[][] matrix) {
      int n = matrix.length;
      double[][] a = new double[n][];
      for (int i = 0; i < n; i++) {
        a[i] = matrix[i].clone();
      }
      double[][] v = new double[n][n];
      for (int i = 0; i < n; i++) {
        v[i][i] = 1;
      }
      for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0;
        double all = 0;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            all += a[i][j] * a[i][j];
            if (i != j) {
              off += a[i][j] * a[i][j];
            }
          }
        }
        if (off <= 1e-30 * all) {
          break;
        }
        for (int p = 0; p < n; p++) {
          for (int r = p + 1; r < n; r++) {
            if (a[p][r] == 0) {
              continue;
            }
            double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
            double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
            double c = 1 / Math.sqrt(t * t + 1);
            double s = t * c;
            for (int k = 0; k < n; k++) {           // A <- A J (columns p, r)
              double akp = a[k][p];
              double akr = a[k][r];
              a[k][p] = c * akp - s * akr;
              a[k][r] = s * akp + c * akr;
            }
            for (int k = 0; k < n; k++) {           // A <- J^T A (rows p, r)
              double apk = a[p][k];
              double ark = a[r][k];
              a[p][k] = c * apk - s * ark;
              a[r][k] = s * apk + c * ark;
            }
            for (int k = 0; k < n; k++) {
              double vkp = v[k][p];
              double vkr = v[k][r];
              v[k][p] = c * vkp - s * vkr;
              v[k][r] = s * vkp + c * vkr;
            }
          }
        }
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Double.compare(a[x][x], a[y][y]));
      double[] values = new double[n];
      double[][] vectors = new double[n][n];
      for (int j = 0; j < n; j++) {
        values[j] = a[order[j]][order[j]];
        for (int i = 0; i < n; i++) {
          vectors[i][j] = v[i][order[j]];
        }
      }
      return new SymmetricEigen(values, vectors);
    }
  }
}
