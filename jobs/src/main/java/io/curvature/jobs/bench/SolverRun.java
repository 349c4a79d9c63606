package io.curvature.jobs.bench;

import java.util.List;

/**
 * One contestant's run in a benchmark, as written to benchmark.json.
 *
 * @param timeToGap3      seconds to relative gap (f - f*)/f* <= 1e-3, or null if never reached
 * @param timeToGap6      seconds to relative gap <= 1e-6, or null
 * @param passesToGap3    passes over the data to gap 1e-3 (null for peers that do not report passes)
 * @param secondsPerPass  fit seconds / passes
 * @param boundRatio      seconds per pass / (bytes read per pass / measured memory bandwidth)
 * @param peakHeapBytes   peak heap of the driver JVM during the run (in local mode it holds the executors too)
 * @param curve           (seconds, relative gap) after every iteration, for the plot
 */
public record SolverRun(String solver, String status, String message, int iterations, Long passes,
    double fitSeconds, Double secondsPerPass, Double boundRatio, Double timeToGap3, Long passesToGap3,
    Double timeToGap6, Long passesToGap6, double objective, double finalGap, Long peakHeapBytes, String note,
    List<double[]> curve) {}
