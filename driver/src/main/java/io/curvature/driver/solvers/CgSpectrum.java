package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Tridiagonal;

/**
 * Eigenvalue estimates that conjugate gradients gives for free. k CG steps on H s = -g (preconditioned by M) are k
 * steps of Lanczos on M^-1 H from M^-1 g: with CG's step lengths alpha_j and ratios beta_j, the Lanczos tridiagonal
 * has diagonal 1/alpha_j + beta_{j-1}/alpha_{j-1} and off-diagonal sqrt(beta_j)/alpha_j (Saad, Iterative Methods for
 * Sparse Linear Systems, 6.7.3). Its eigenvalues (Ritz values) lie inside the spectrum of the preconditioned Hessian:
 * {@code largest} is a lower bound on its largest eigenvalue and {@code smallest} an upper bound on its smallest, so
 * their ratio is a lower bound on the condition number CG's rate depends on. With no preconditioner (M = I) they
 * bound the Hessian's own eigenvalues. A negative {@code smallest} proves negative curvature.
 *
 * @param largest        the largest Ritz value of M^-1 H
 * @param smallest       the smallest Ritz value of M^-1 H
 * @param steps          CG steps (Hessian products) they come from
 * @param preconditioner the preconditioner M ("none" when M = I: then they bound H's eigenvalues)
 * @param iteration      the solver iteration whose subproblem produced them (the last one that ran CG)
 */
public record CgSpectrum(double largest, double smallest, int steps, String preconditioner, int iteration) {
  /** largest / smallest: a lower bound on the preconditioned condition number (null when smallest <= 0). */
  public Double conditionNumber() {
    return smallest > 0 ? largest / smallest : null;
  }

  /** The spectrum of {@code t}, the Lanczos tridiagonal of a subproblem's CG (null when CG made no step). */
  static CgSpectrum of(Tridiagonal t, String preconditioner, int iteration) {
    return t == null ? null : new CgSpectrum(t.largest(), t.smallest(), t.size(), preconditioner, iteration);
  }

  /**
   * The Lanczos tridiagonal of CG's first {@code steps} coefficients, given as 1/alpha_j = d.Hd / r.z (finite also
   * on zero curvature) and beta_j = r'.z' / r.z; null when steps is 0.
   */
  static Tridiagonal tridiagonal(double[] inverseAlpha, double[] beta, int steps) {
    if (steps == 0) {
      return null;
    }
    double[] diag = new double[steps];
    double[] off = new double[Math.max(0, steps - 1)];
    for (int j = 0; j < steps; j++) {
      diag[j] = inverseAlpha[j] + (j > 0 ? beta[j - 1] * inverseAlpha[j - 1] : 0);
      if (j + 1 < steps) {
        off[j] = Math.sqrt(beta[j]) * inverseAlpha[j];
      }
    }
    return new Tridiagonal(diag, off);
  }
}
