package io.curvature.jobs.bench;

import java.util.List;

/** {@code DIR/benchmark.json}: the problem, the machine, the pass costs and every contestant's run. */
public record BenchmarkReport(String data, long n, int d, long nnz, double regParam, boolean fitIntercept,
    double fStar, String fStarFrom, double loadSeconds, Environment environment, List<PassProfile.PassCost> passCosts,
    List<SolverRun> runs, String createdAt, String model, double elasticNet, boolean standardize) {

  /**
   * @param blas                   the BLAS implementation Spark's netlib picked (JNIBLAS = native, VectorBLAS, Java)
   * @param memoryBandwidthGBps    STREAM-like triad with {@code cores} threads
   * @param bytesPerPass           cached bytes one pass reads
   * @param bandwidthBoundSeconds  bytesPerPass / bandwidth: no pass can be faster
   * @param heapKept               the JVM keeps the heap it has grown across the full collection before each
   *                               contestant (see {@code BenchmarkCommand.keepGrownHeap}), as a long-lived one does
   */
  public record Environment(String master, int cores, int partitions, String sparkVersion, String java, String blas,
      double memoryBandwidthGBps, long bytesPerPass, double bytesPerNonzero, double bandwidthBoundSeconds,
      boolean heapKept) {}
}
