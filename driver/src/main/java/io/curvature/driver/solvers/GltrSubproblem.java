package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Tridiagonal;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust-region subproblem by truncated Lanczos (GLTR: Gould, Lucidi, Roma and Toint, "Solving the trust-region
 * subproblem using the Lanczos method", SIAM J. Optim. 1999). Lanczos on H in the preconditioner's inner product
 * builds an M-orthonormal basis Q of the Krylov space of M^-1 g and T = Q^T H Q tridiagonal; each step solves the
 * subproblem restricted to the space exactly, min -gamma_0 h_0 + h.T h / 2 over ||h|| <= radius
 * ({@link Tridiagonal#trustRegion}), and s = Q h. While the solution is interior it is CG's iterate; where Steihaug
 * CG stops at the boundary (or on negative curvature) with whatever it had, GLTR keeps minimizing the model over
 * the growing space on the boundary, which finds the boundary minimizer (and the direction of most negative
 * curvature the space holds), at the same one product a step.
 *
 * <p>It stops when the residual of the full subproblem, ||(H + lambda M) s + g||_{M^-1} = gamma_k |h_{k-1}|, falls
 * below {@code tolerance} ||g||_{M^-1} (CG's test). Q and M Q are kept (2 k d doubles, reorthogonalized in full as in
 * {@link io.curvature.driver.linalg.Lanczos}); steps are capped so they stay within {@link #MAX_STORED_DOUBLES}.
 */
final class GltrSubproblem implements TrustRegionSubproblem {
  /** Doubles of Lanczos vectors kept at most (128 MiB): k <= MAX_STORED_DOUBLES / (2 d). */
  static final long MAX_STORED_DOUBLES = 1L << 24;

  private final Evaluation at;
  private final Preconditioner preconditioner;
  private final double tolerance;
  private final int maxIterations;

  GltrSubproblem(Evaluation at, Preconditioner preconditioner, double tolerance, int maxIterations) {
    this.at = at;
    this.preconditioner = preconditioner;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  @Override
  public Step solve(double radius) {
    double[] g = at.gradient();
    int n = g.length;
    int cap = (int) Math.max(1, Math.min(Math.min(maxIterations, n), MAX_STORED_DOUBLES / (2L * n)));
    double[] t = Vectors.negate(g);                      // dual space (gradients); q = M^-1 t is primal
    double[] w = preconditioner.apply(t);
    double gamma0 = Math.sqrt(Math.max(0, Vectors.dot(t, w)));
    if (!(gamma0 > 0)) {
      return new Step(new double[n], t, 0, false, false, 0, null);
    }
    List<double[]> q = new ArrayList<>();
    List<double[]> p = new ArrayList<>();                // p_j = M q_j
    double[] delta = new double[cap];
    double[] gamma = new double[cap + 1];                // gamma[j] couples q_{j-1} and q_j; gamma[0] = ||g||_M^-1
    gamma[0] = gamma0;
    q.add(scaled(w, 1 / gamma0));
    p.add(scaled(t, 1 / gamma0));
    double[] u = new double[n];
    Tridiagonal.RegionSolution solution = null;
    Tridiagonal tk = null;
    int k = 0;
    double[] tail = null;                                // gamma_k p_k, the Krylov space's next direction
    while (k < cap) {
      at.hessianVector(q.get(k), u);
      delta[k] = Vectors.dot(q.get(k), u);
      k++;
      double[] next = u.clone();
      Vectors.axpy(-delta[k - 1], p.get(k - 1), next);
      if (k > 1) {
        Vectors.axpy(-gamma[k - 1], p.get(k - 2), next);
      }
      for (int pass = 0; pass < 2; pass++) {             // full reorthogonalization in the M^-1 inner product
        for (int j = 0; j < k; j++) {
          Vectors.axpy(-Vectors.dot(q.get(j), next), p.get(j), next);
        }
      }
      tail = next;
      double[] nextQ = preconditioner.apply(next);
      gamma[k] = Math.sqrt(Math.max(0, Vectors.dot(next, nextQ)));
      tk = new Tridiagonal(java.util.Arrays.copyOf(delta, k), java.util.Arrays.copyOfRange(gamma, 1, k));
      double[] rhs = new double[k];
      rhs[0] = -gamma0;
      solution = tk.trustRegion(rhs, radius);
      double residual = gamma[k] * Math.abs(solution.h()[k - 1]);
      boolean invariant = !(gamma[k] > 1e-12 * gamma0);
      if (residual <= tolerance * gamma0 || invariant || k == cap) {
        break;
      }
      q.add(scaled(nextQ, 1 / gamma[k]));
      p.add(scaled(next, 1 / gamma[k]));
    }
    double[] h = solution.h();
    double[] s = new double[n];
    double[] hs = new double[n];                         // H s = P T h + gamma_k h_{k-1} p_k (Lanczos relation)
    for (int j = 0; j < k; j++) {
      Vectors.axpy(h[j], q.get(j), s);
      double th = delta[j] * h[j] + (j > 0 ? gamma[j] * h[j - 1] : 0) + (j + 1 < k ? gamma[j + 1] * h[j + 1] : 0);
      Vectors.axpy(th, p.get(j), hs);
    }
    Vectors.axpy(h[k - 1], tail, hs);
    double[] residual = Vectors.negate(g);
    Vectors.axpy(-1, hs, residual);
    return new Step(s, residual, k, !solution.interior(), tk.smallest() <= 0, Vectors.norm(h), tk);
  }

  private static double[] scaled(double[] x, double a) {
    double[] y = x.clone();
    Vectors.scale(a, y);
    return y;
  }
}
