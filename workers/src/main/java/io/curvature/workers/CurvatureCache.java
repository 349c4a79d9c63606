package io.curvature.workers;

/**
 * Curvature state of the latest gradient passes over one block, keyed by the driver's evaluation key, safe under
 * concurrent passes (two fits over the same cached data, a CrossValidator with parallelism).
 *
 * <p>A key's upper 32 bits name its owner (one objective) and the lower bits count its evaluations. Each owner keeps
 * its two newest states: a trust-region or line-search solver evaluates a trial point and may reject it, and the
 * Hessian products that follow are then taken at the previous point. Up to {@link #CAPACITY} states are kept in all,
 * so two concurrent fits do not evict each other's. Buffers are reused pass after pass.
 *
 * <p>A buffer handed out is pinned until released: a concurrent pass never overwrites state that another is reading
 * (it takes another slot, or a buffer of its own when every slot is pinned).
 */
final class CurvatureCache {
  /** States kept at most: the two newest of two concurrent owners. */
  static final int CAPACITY = 4;
  private static final int PER_OWNER = 2;
  private static final long NONE = Long.MIN_VALUE;

  /** A buffer in use; {@code slot} is -1 for a buffer outside the cache. */
  record Lease(double[] buffer, int slot) {}

  private final long[] keys = {NONE, NONE, NONE, NONE};
  private final double[][] slots = new double[CAPACITY][];
  private final int[] pins = new int[CAPACITY];
  private final long[] lastUse = new long[CAPACITY];
  private long clock;

  /** The state stored for {@code key}, pinned, or null when it is not here. */
  synchronized Lease acquire(long key) {
    if (key == NONE) {
      return null;
    }
    for (int s = 0; s < CAPACITY; s++) {
      if (keys[s] == key) {
        pins[s]++;
        lastUse[s] = ++clock;
        return new Lease(slots[s], s);
      }
    }
    return null;
  }

  /**
   * A pinned buffer of {@code length} to write the state of {@code key} into; it holds no valid state until
   * {@link #publish}. Replaces the owner's older state when it has two, else an empty slot, else the least recently
   * used unpinned one.
   */
  synchronized Lease claim(long key, int length) {
    int victim = -1;
    int ownerSlots = 0;
    int ownerOldest = -1;
    for (int s = 0; s < CAPACITY; s++) {
      if (keys[s] != NONE && owner(keys[s]) == owner(key)) {
        ownerSlots++;
        if (pins[s] == 0 && (ownerOldest < 0 || lastUse[s] < lastUse[ownerOldest])) {
          ownerOldest = s;
        }
      }
    }
    if (ownerSlots >= PER_OWNER && ownerOldest >= 0) {
      victim = ownerOldest;
    } else {
      for (int s = 0; s < CAPACITY; s++) {         // an empty slot, else the least recently used, never a pinned one
        if (pins[s] != 0) {
          continue;
        }
        if (victim < 0 || (keys[victim] != NONE && (keys[s] == NONE || lastUse[s] < lastUse[victim]))) {
          victim = s;
        }
      }
    }
    if (victim < 0) {
      return new Lease(new double[length], -1);    // every slot is being read: use a private buffer
    }
    if (slots[victim] == null || slots[victim].length != length) {
      slots[victim] = new double[length];
    }
    keys[victim] = NONE;
    pins[victim] = 1;
    lastUse[victim] = ++clock;
    return new Lease(slots[victim], victim);
  }

  /** Marks a claimed buffer as holding the state of {@code key} (the lease stays pinned until released). */
  synchronized void publish(Lease lease, long key) {
    if (lease.slot() < 0) {
      return;
    }
    for (int s = 0; s < CAPACITY; s++) {
      if (keys[s] == key && s != lease.slot()) {
        return;                                  // another pass stored the same state meanwhile: keep one copy
      }
    }
    keys[lease.slot()] = key;
    lastUse[lease.slot()] = ++clock;
  }

  synchronized void release(Lease lease) {
    if (lease.slot() >= 0) {
      pins[lease.slot()]--;
    }
  }

  /** Slots holding a state (for tests). */
  synchronized int stored() {
    int n = 0;
    for (long k : keys) {
      n += k != NONE ? 1 : 0;
    }
    return n;
  }

  private static int owner(long key) {
    return (int) (key >>> 32);
  }
}
