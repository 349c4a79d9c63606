package io.curvature.jobs.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A STREAM-like triad a[i] = b[i] + s c[i] over arrays far larger than the caches, one slice per thread; the best of
 * several runs, in GB/s counting 24 bytes per element (two reads, one write), as STREAM counts them.
 */
public final class MemoryBandwidth {
  private MemoryBandwidth() {}

  public static double triadGigabytesPerSecond(int threads) throws Exception {
    int n = 1 << 25;                                   // 3 arrays x 256 MiB
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    java.util.Arrays.fill(b, 1.0);
    java.util.Arrays.fill(c, 2.0);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double best = Double.POSITIVE_INFINITY;
      for (int run = 0; run < 6; run++) {
        long start = System.nanoTime();
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = (int) ((long) n * t / threads);
          int to = (int) ((long) n * (t + 1) / threads);
          parts.add(pool.submit(() -> {
            double s = 3.0;
            for (int i = from; i < to; i++) {
              a[i] = b[i] + s * c[i];
            }
          }));
        }
        for (Future<?> f : parts) {
          f.get();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        if (run > 0) {                                 // the first run pays page faults and JIT
          best = Math.min(best, seconds);
        }
      }
      if (a[n - 1] != 7.0) {
        throw new IllegalStateException("triad computed " + a[n - 1] + ", expected 7");
      }
      return 24.0 * n / best / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }
}
