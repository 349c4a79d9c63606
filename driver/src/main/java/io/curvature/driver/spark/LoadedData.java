package io.curvature.driver.spark;

/** Training data packed and cached on the executors, with the time it took to read it. */
public record LoadedData(String path, SparkBlockSums sums, double loadSeconds) implements AutoCloseable {
  @Override
  public void close() {
    sums.close();
    sums.blocks().unpersist(false);
  }
}
