package io.curvature.driver.solvers;

/**
 * What stopping tests look at after each iteration.
 *
 * @param iteration           iterations completed
 * @param objective           F at the current point (with its L1 part)
 * @param stationarity        ||g|| for a smooth objective, the norm of the minimum-norm subgradient (the
 *                            pseudo-gradient of OWL-QN) with an L1 part: 0 exactly at a minimizer
 * @param initialStationarity the same at the starting point
 * @param pointNorm           ||w||, to catch coefficients running away
 */
public record Progress(int iteration, double objective, double stationarity, double initialStationarity,
    double pointNorm) {
  public Progress(int iteration, double objective, double stationarity, double initialStationarity) {
    this(iteration, objective, stationarity, initialStationarity, 0.0);
  }
}
