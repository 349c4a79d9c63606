package io.curvature.driver.solvers;

/**
 * One iteration as a solver saw it, after the step was taken (iteration 0 is the starting point).
 *
 * @param iteration     iterations completed
 * @param objective     f at the current point
 * @param gradientNorm  ||g|| at the current point
 * @param stepNorm      ||w_k - w_{k-1}|| (0 at iteration 0)
 * @param stepSize      the line-search step length alpha, or the trust-region radius after the update
 * @param cgIterations  conjugate-gradient iterations (Hessian products) spent in this iteration
 * @param passes        passes over the data since the solver started
 * @param seconds       wall time since the solver started
 */
public record IterationRecord(int iteration, double objective, double gradientNorm, double stepNorm, double stepSize,
    int cgIterations, long passes, double seconds) {}
