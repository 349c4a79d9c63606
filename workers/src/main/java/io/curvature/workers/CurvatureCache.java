package io.curvature.workers;

/**
 * Curvature weights D of the two most recent gradient passes over one block, keyed by the driver's evaluation id.
 *
 * <p>Two slots because a trust-region or line-search solver evaluates a trial point and may reject it: the Hessian
 * products that follow are then taken at the previous point, whose weights must still be here. The buffers are
 * reused pass after pass, so a block allocates them once.
 */
final class CurvatureCache {
  private static final long NONE = Long.MIN_VALUE;

  private final long[] keys = {NONE, NONE};
  private final double[][] slots = new double[2][];
  private int newest;

  /** The weights stored for {@code key}, or null. */
  synchronized double[] get(long key) {
    for (int s = 0; s < 2; s++) {
      if (keys[s] == key && key != NONE) {
        return slots[s];
      }
    }
    return null;
  }

  /** A buffer of the given length that replaces the older slot; invalid until {@link #publish}. */
  synchronized double[] claim(int length) {
    int victim = 1 - newest;
    if (slots[victim] == null || slots[victim].length != length) {
      slots[victim] = new double[length];
    }
    keys[victim] = NONE;
    return slots[victim];
  }

  /** Marks the buffer last claimed as holding the weights for {@code key}. */
  synchronized void publish(long key) {
    int victim = 1 - newest;
    keys[victim] = key;
    newest = victim;
  }
}
