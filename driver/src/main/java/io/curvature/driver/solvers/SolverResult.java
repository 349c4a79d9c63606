package io.curvature.driver.solvers;

import java.util.List;

/**
 * What a solver returns: the final point and why it stopped, with call counts and the per-iteration history.
 *
 * @param solver       solver name (as on the command line)
 * @param w            the final point (coefficients, intercept last when fitted)
 * @param status       why the solver stopped
 * @param message      a sentence for people, naming the reason
 * @param iterations   iterations completed
 * @param passes       passes over the data
 * @param objective    f(w)
 * @param gradientNorm ||g(w)||
 * @param seconds      wall time of the solve
 * @param history      one record per iteration, starting with iteration 0
 * @param cgSpectrum   eigenvalue estimates of the (preconditioned) Hessian from the last subproblem's CG, free; null
 *                     for solvers that run no CG
 * @param preconditioner the preconditioner the solver's CG used ({@code none}, {@code diagonal},
 *                       {@code sample-hessian}; {@code none} for solvers without CG)
 */
public record SolverResult(String solver, double[] w, Status status, String message, int iterations, long passes,
    double objective, double gradientNorm, double seconds, List<IterationRecord> history, CgSpectrum cgSpectrum,
    String preconditioner) {
  public SolverResult {
    w = w.clone();
    history = List.copyOf(history);
    preconditioner = preconditioner == null ? "none" : preconditioner;
  }

  /** A result without CG. */
  public SolverResult(String solver, double[] w, Status status, String message, int iterations, long passes,
      double objective, double gradientNorm, double seconds, List<IterationRecord> history) {
    this(solver, w, status, message, iterations, passes, objective, gradientNorm, seconds, history, null, null);
  }

  @Override
  public double[] w() {
    return w.clone();
  }

  public boolean converged() {
    return status == Status.CONVERGED;
  }
}
