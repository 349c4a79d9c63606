package io.curvature.driver.linalg;

/**
 * A symmetric tridiagonal matrix T (diagonal a, off-diagonal b), the matrix Lanczos and conjugate gradients build
 * implicitly: eigenvalues by Sturm-sequence bisection (Golub and Van Loan, 4th ed., 8.4.1), which finds any one
 * eigenvalue to rounding in O(k) per bisection step without forming eigenvectors, and shifted solves by the LDL^T
 * factorization, which also says whether the shift makes T positive definite.
 */
public final class Tridiagonal {
  private final double[] a;
  private final double[] b;

  /**
   * @param diagonal    a_0 .. a_{k-1}
   * @param offDiagonal b_0 .. b_{k-2} (T[i][i+1] = T[i+1][i] = b_i); extra entries are ignored
   */
  public Tridiagonal(double[] diagonal, double[] offDiagonal) {
    if (diagonal.length == 0 || offDiagonal.length < diagonal.length - 1) {
      throw new IllegalArgumentException("a tridiagonal matrix needs k >= 1 diagonal and k - 1 off-diagonal entries");
    }
    this.a = diagonal.clone();
    this.b = java.util.Arrays.copyOf(offDiagonal, Math.max(0, diagonal.length - 1));
  }

  public int size() {
    return a.length;
  }

  /** The number of eigenvalues below {@code x} (Sylvester's law of inertia applied to T - x I = L D L^T). */
  public int countBelow(double x) {
    int count = 0;
    double d = 1;
    for (int i = 0; i < a.length; i++) {
      double off = i == 0 ? 0 : b[i - 1] * b[i - 1] / d;
      d = a[i] - x - off;
      if (d == 0) {
        d = -Double.MIN_NORMAL;                       // a zero pivot: perturb below, counting x itself as below
      }
      if (d < 0) {
        count++;
      }
    }
    return count;
  }

  /** The {@code index}-th smallest eigenvalue (0-based), to about machine precision of T's norm. */
  public double eigenvalue(int index) {
    if (index < 0 || index >= a.length) {
      throw new IllegalArgumentException("eigenvalue " + index + " of a " + a.length + "-wide matrix");
    }
    double radius = 0;                                 // Gershgorin: every eigenvalue lies within [lo, hi]
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      double r = (i > 0 ? Math.abs(b[i - 1]) : 0) + (i + 1 < a.length ? Math.abs(b[i]) : 0);
      lo = Math.min(lo, a[i] - r);
      hi = Math.max(hi, a[i] + r);
      radius = Math.max(radius, Math.abs(a[i]) + r);
    }
    double eps = 2 * Math.ulp(Math.max(radius, Double.MIN_NORMAL));
    while (hi - lo > eps) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (countBelow(mid) > index) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  public double smallest() {
    return eigenvalue(0);
  }

  public double largest() {
    return eigenvalue(a.length - 1);
  }

  /**
   * Solves (T + shift I) x = rhs by LDL^T without pivoting, and returns null when a pivot is not positive (the
   * shift does not make T positive definite). {@code pivots}, when given, receives D.
   */
  public double[] solveShifted(double shift, double[] rhs, double[] pivots) {
    int k = a.length;
    double[] d = new double[k];
    double[] l = new double[k];                        // l[i] = L[i][i-1]
    for (int i = 0; i < k; i++) {
      l[i] = i == 0 ? 0 : b[i - 1] / d[i - 1];
      d[i] = a[i] + shift - (i == 0 ? 0 : l[i] * b[i - 1]);
      if (!(d[i] > 0)) {
        return null;
      }
    }
    double[] x = rhs.clone();
    for (int i = 1; i < k; i++) {                      // L y = rhs
      x[i] -= l[i] * x[i - 1];
    }
    for (int i = 0; i < k; i++) {                      // D z = y
      x[i] /= d[i];
    }
    for (int i = k - 2; i >= 0; i--) {                 // L^T x = z
      x[i] -= l[i + 1] * x[i + 1];
    }
    if (pivots != null) {
      System.arraycopy(d, 0, pivots, 0, k);
    }
    return x;
  }

  /** The minimizer h of g.h + h.T h / 2 over ||h|| <= radius and its multiplier lambda >= 0. */
  public record RegionSolution(double[] h, double lambda, boolean interior) {}

  /**
   * Solves the trust-region subproblem with this T exactly (More and Sorensen 1983; Nocedal and Wright, Algorithm
   * 4.3): interior Newton point when T is positive definite and it lies inside, else the boundary point with
   * (T + lambda I) h = -g, lambda >= max(0, -theta_1), found by Newton's method on 1/||h(lambda)|| - 1/radius from
   * the left, where it converges monotonically. The hard case (g orthogonal to the eigenvector of theta_1, which an
   * unreduced T from Lanczos only approaches) adds that eigenvector to reach the boundary.
   */
  public RegionSolution trustRegion(double[] g, double radius) {
    int k = a.length;
    double[] minusG = new double[k];
    for (int i = 0; i < k; i++) {
      minusG[i] = -g[i];
    }
    double theta = smallest();
    if (theta > 0) {
      double[] h = solveShifted(0, minusG, null);
      if (h != null && norm(h) <= radius) {
        return new RegionSolution(h, 0, true);
      }
    }
    double scale = Math.max(Math.abs(theta), Math.abs(largest()));
    double lambda = Math.max(0, -theta) + 1e-13 * Math.max(scale, Double.MIN_NORMAL);
    double[] d = new double[k];
    double[] h = solveShifted(lambda, minusG, d);
    while (h == null) {                                // rounding at the left end: move right until definite
      lambda += 1e-10 * Math.max(scale, Double.MIN_NORMAL) + 1e-3 * (lambda - Math.max(0, -theta));
      h = solveShifted(lambda, minusG, d);
    }
    for (int it = 0; it < 100 && norm(h) > radius; it++) {
      double hn = norm(h);
      if (hn - radius <= 1e-12 * radius) {
        break;
      }
      double[] y = h.clone();                           // q = D^-1/2 L^-1 h: ||q||^2 = sum (L^-1 h)_i^2 / d_i
      double qq = 0;
      for (int i = 0; i < k; i++) {
        if (i > 0) {
          y[i] -= b[i - 1] / d[i - 1] * y[i - 1];
        }
        qq += y[i] * y[i] / d[i];
      }
      double next = lambda + (hn * hn / qq) * (hn - radius) / radius;
      double[] hNext = solveShifted(next, minusG, d);
      if (hNext == null || next == lambda) {
        break;
      }
      lambda = next;
      h = hNext;
    }
    double hn = norm(h);
    if (hn > radius) {                                  // near the hard case the solves lose a few digits
      for (int i = 0; i < k; i++) {
        h[i] *= radius / hn;
      }
    } else if (hn < radius * (1 - 1e-12) && theta < 0) {
      // The (nearly) hard case: g is (nearly) orthogonal to the eigenvector u of theta, so lambda sits at -theta
      // and h falls short of the boundary. Moving along u costs nothing in the model's first-order part (to the
      // accuracy of lambda = -theta) and gains theta tau^2 / 2: go to the boundary (More and Sorensen's step).
      double[] u = eigenvector(theta);
      double hu = dot(h, u);
      double tau = -hu + Math.signum(hu == 0 ? 1 : hu) * Math.sqrt(hu * hu + radius * radius - hn * hn);
      for (int i = 0; i < k; i++) {
        h[i] += tau * u[i];
      }
      lambda = -theta;
    }
    return new RegionSolution(h, lambda, false);
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  private static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
  }

  /**
   * A unit eigenvector for the eigenvalue {@code theta} by inverse iteration (two rounds from a fixed start suffice
   * for a value found by bisection); used where a direction of negative curvature is wanted.
   */
  public double[] eigenvector(double theta) {
    int k = a.length;
    double[] x = new double[k];
    for (int i = 0; i < k; i++) {
      x[i] = 1.0 / Math.sqrt(k) * (1 + 0.01 * i);
    }
    double norm = Math.max(Math.abs(theta), 1.0);
    for (int round = 0; round < 3; round++) {
      x = solveGeneral(-theta + 1e-10 * norm, x);
      double n = 0;
      for (double v : x) {
        n += v * v;
      }
      n = Math.sqrt(n);
      for (int i = 0; i < k; i++) {
        x[i] /= n;
      }
    }
    return x;
  }

  /** (T + shift I) x = rhs by Gaussian elimination with partial pivoting on the band (shift may make it indefinite). */
  private double[] solveGeneral(double shift, double[] rhs) {
    int k = a.length;
    // Rows hold three bands after pivoting: diagonal, first and second super-diagonal.
    double[] d0 = new double[k];
    double[] d1 = new double[k];
    double[] d2 = new double[k];
    double[] sub = new double[k];
    double[] x = rhs.clone();
    for (int i = 0; i < k; i++) {
      d0[i] = a[i] + shift;
      d1[i] = i + 1 < k ? b[i] : 0;
      sub[i] = i + 1 < k ? b[i] : 0;                   // T[i+1][i]
    }
    for (int i = 0; i + 1 < k; i++) {
      if (Math.abs(sub[i]) > Math.abs(d0[i])) {          // swap rows i and i+1
        double t0 = d0[i], t1 = d1[i], t2 = d2[i];
        d0[i] = sub[i];
        d1[i] = d0[i + 1];
        d2[i] = d1[i + 1];
        sub[i] = t0;
        d0[i + 1] = t1;
        d1[i + 1] = t2;
        double tx = x[i];
        x[i] = x[i + 1];
        x[i + 1] = tx;
      }
      double piv = d0[i] == 0 ? Double.MIN_NORMAL : d0[i];
      double m = sub[i] / piv;
      d0[i + 1] -= m * d1[i];
      d1[i + 1] -= m * d2[i];
      x[i + 1] -= m * x[i];
    }
    for (int i = k - 1; i >= 0; i--) {
      double s = x[i] - (i + 1 < k ? d1[i] * x[i + 1] : 0) - (i + 2 < k ? d2[i] * x[i + 2] : 0);
      x[i] = s / (d0[i] == 0 ? Double.MIN_NORMAL : d0[i]);
    }
    return x;
  }
}
