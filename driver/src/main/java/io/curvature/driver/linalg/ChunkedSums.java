package io.curvature.driver.linalg;

import java.util.stream.IntStream;

/**
 * Sweeps over long d-vectors on the driver, for the solvers whose own vector work grows with d (L-BFGS's two-loop
 * recursion is 4m inner products and updates of d-vectors an iteration: at d = 10^6 it took 24 ms, as long as a
 * third of a pass over the data). Three things make a sweep fast, none of which changes its result from run to run:
 *
 * <ul>
 *   <li>Fixed chunks of {@link #CHUNK} entries whose partial sums are added in chunk order, so the bits depend on d
 *       only, not on the machine's cores or the threads' timing.
 *   <li>Four partial sums within a chunk: one running sum is a chain of dependent additions (a few cycles each) that
 *       leaves the core's other adders idle.
 *   <li>From {@link #PARALLEL_FROM} entries, the chunks run on the common fork-join pool: the driver's cores are idle
 *       while it does solver arithmetic between passes.
 * </ul>
 *
 * A sweep may also update vectors as it goes (an axpy fused with the next inner product reads each array once).
 */
public final class ChunkedSums {
  private ChunkedSums() {}

  /** Entries a chunk: 128 KB of doubles, a few hundred microseconds of work, far more than a task's overhead. */
  public static final int CHUNK = 1 << 14;
  /** Below this length a sweep stays on the calling thread (the same chunks, so the same bits). */
  public static final int PARALLEL_FROM = 1 << 17;

  /** The part of a sweep over entries [from, to): it may update arrays there and returns its share of the sum. */
  @FunctionalInterface
  public interface Range {
    double sum(int from, int to);
  }

  /** The sum of {@code range} over [0, n) in chunks, their partial sums added in chunk order. */
  public static double sweep(int n, Range range) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    if (chunks <= 1) {
      return n == 0 ? 0.0 : range.sum(0, n);
    }
    double[] parts = new double[chunks];
    IntStream indices = IntStream.range(0, chunks);
    (n >= PARALLEL_FROM ? indices.parallel() : indices)
        .forEach(c -> parts[c] = range.sum(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    double total = 0.0;
    for (double p : parts) {
      total += p;
    }
    return total;
  }

  /** a.b. */
  public static double dot(double[] a, double[] b) {
    check(a, b);
    return sweep(a.length, (from, to) -> dot(a, b, from, to));
  }

  /** ||a - b||, without forming a - b. */
  public static double distance(double[] a, double[] b) {
    check(a, b);
    return Math.sqrt(sweep(a.length, (from, to) -> {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int j = from;
      for (; j + 3 < to; j += 4) {
        double d0 = a[j] - b[j], d1 = a[j + 1] - b[j + 1], d2 = a[j + 2] - b[j + 2], d3 = a[j + 3] - b[j + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      for (; j < to; j++) {
        double d = a[j] - b[j];
        s0 += d * d;
      }
      return (s0 + s1) + (s2 + s3);
    }));
  }

  /** a.b over [from, to), in four partial sums. */
  public static double dot(double[] a, double[] b, int from, int to) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
      s2 += a[j + 2] * b[j + 2];
      s3 += a[j + 3] * b[j + 3];
    }
    for (; j < to; j++) {
      s0 += a[j] * b[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** q += alpha x over [from, to), then returns z.q there (the updated q), in four partial sums. */
  public static double axpyDot(double alpha, double[] x, double[] q, double[] z, int from, int to) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      double q0 = q[j] + alpha * x[j], q1 = q[j + 1] + alpha * x[j + 1];
      double q2 = q[j + 2] + alpha * x[j + 2], q3 = q[j + 3] + alpha * x[j + 3];
      q[j] = q0;
      q[j + 1] = q1;
      q[j + 2] = q2;
      q[j + 3] = q3;
      s0 += z[j] * q0;
      s1 += z[j + 1] * q1;
      s2 += z[j + 2] * q2;
      s3 += z[j + 3] * q3;
    }
    for (; j < to; j++) {
      q[j] += alpha * x[j];
      s0 += z[j] * q[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** q *= alpha over [from, to), then returns z.q there (the scaled q), in four partial sums. */
  public static double scaleDot(double alpha, double[] q, double[] z, int from, int to) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      double q0 = alpha * q[j], q1 = alpha * q[j + 1], q2 = alpha * q[j + 2], q3 = alpha * q[j + 3];
      q[j] = q0;
      q[j + 1] = q1;
      q[j + 2] = q2;
      q[j + 3] = q3;
      s0 += z[j] * q0;
      s1 += z[j + 1] * q1;
      s2 += z[j + 2] * q2;
      s3 += z[j + 3] * q3;
    }
    for (; j < to; j++) {
      q[j] *= alpha;
      s0 += z[j] * q[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * x + alpha d as a new array, or null when an entry of it is not finite: a line search's trial point and its check
   * in one sweep (the same bits as {@link Vectors#plus}).
   */
  public static double[] plusIfFinite(double[] x, double alpha, double[] d) {
    check(x, d);
    double[] r = new double[x.length];
    double zeros = sweep(x.length, (from, to) -> {
      double z = 0.0;
      for (int j = from; j < to; j++) {
        double v = x[j] + alpha * d[j];
        r[j] = v;
        z += v * 0.0;                                  // NaN once an entry is infinite or NaN, else 0
      }
      return z;
    });
    return zeros == 0.0 ? r : null;
  }

  /**
   * s = x1 - x0 and y = g1 - g0 (an L-BFGS pair), written into {@code s} and {@code y} in one sweep that also sums
   * s.y, s.s and y.y; each of the three has the bits {@link #dot} gives for it.
   */
  public static double[] pairAndDots(double[] x1, double[] x0, double[] g1, double[] g0, double[] s, double[] y) {
    check(x1, x0);
    check(g1, g0);
    check(x1, g1);
    int n = x1.length;
    int chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
    double[][] parts = new double[chunks][];
    IntStream indices = IntStream.range(0, chunks);
    (n >= PARALLEL_FROM ? indices.parallel() : indices).forEach(c -> {
      int from = c * CHUNK;
      int to = Math.min(n, from + CHUNK);
      double sy0 = 0, sy1 = 0, sy2 = 0, sy3 = 0, ss0 = 0, ss1 = 0, ss2 = 0, ss3 = 0;
      double yy0 = 0, yy1 = 0, yy2 = 0, yy3 = 0;
      int j = from;
      for (; j + 3 < to; j += 4) {
        double a0 = x1[j] - x0[j], a1 = x1[j + 1] - x0[j + 1], a2 = x1[j + 2] - x0[j + 2], a3 = x1[j + 3] - x0[j + 3];
        double b0 = g1[j] - g0[j], b1 = g1[j + 1] - g0[j + 1], b2 = g1[j + 2] - g0[j + 2], b3 = g1[j + 3] - g0[j + 3];
        s[j] = a0;
        s[j + 1] = a1;
        s[j + 2] = a2;
        s[j + 3] = a3;
        y[j] = b0;
        y[j + 1] = b1;
        y[j + 2] = b2;
        y[j + 3] = b3;
        sy0 += a0 * b0;
        sy1 += a1 * b1;
        sy2 += a2 * b2;
        sy3 += a3 * b3;
        ss0 += a0 * a0;
        ss1 += a1 * a1;
        ss2 += a2 * a2;
        ss3 += a3 * a3;
        yy0 += b0 * b0;
        yy1 += b1 * b1;
        yy2 += b2 * b2;
        yy3 += b3 * b3;
      }
      for (; j < to; j++) {
        double a = x1[j] - x0[j];
        double b = g1[j] - g0[j];
        s[j] = a;
        y[j] = b;
        sy0 += a * b;
        ss0 += a * a;
        yy0 += b * b;
      }
      parts[c] = new double[] {(sy0 + sy1) + (sy2 + sy3), (ss0 + ss1) + (ss2 + ss3), (yy0 + yy1) + (yy2 + yy3)};
    });
    double[] total = new double[3];
    for (double[] p : parts) {
      for (int k = 0; k < 3; k++) {
        total[k] += p[k];
      }
    }
    return total;
  }

  private static void check(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
    }
  }
}
