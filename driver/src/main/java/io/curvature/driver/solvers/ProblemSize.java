package io.curvature.driver.solvers;

/**
 * What {@link AutoSolver} knows of the data: rows, coefficients, stored values, partitions and the cores that run
 * them in parallel. Solvers otherwise know nothing of where the data lives.
 */
public record ProblemSize(long rows, int dimension, long nonzeros, int partitions, int cores) {
  public ProblemSize {
    if (rows < 1 || dimension < 1 || partitions < 1 || cores < 1) {
      throw new IllegalArgumentException("problem size needs positive rows, dimension, partitions and cores: " + rows
          + ", " + dimension + ", " + partitions + ", " + cores);
    }
  }
}
