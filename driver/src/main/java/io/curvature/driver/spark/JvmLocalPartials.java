package io.curvature.driver.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where the tasks of a pass on a local master leave their partials for the driver, in the same JVM: a task result
 * there is still written to bytes, copied into Spark's result message and read back, about five copies of a wide
 * partition's 3.85 MB partial and the fresh memory they land on. A task puts its partial in its pass's slots and
 * returns an empty result; one that finds no slots (its pass is not open in its JVM: it runs on another executor)
 * returns the partial's bytes as before, so the pass is correct wherever its tasks run. The driver closes the pass
 * after its job, whatever became of its tasks, and a slot written twice (a task retried after it stored its partial)
 * holds the same bits either way.
 */
final class JvmLocalPartials {
  private static final Map<Long, AtomicReferenceArray<Object>> PASSES = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_PASS = new AtomicLong();

  private JvmLocalPartials() {}

  /** Opens a pass of {@code partitions} slots; its id travels with its tasks. */
  static long open(int partitions) {
    long pass = NEXT_PASS.incrementAndGet();
    PASSES.put(pass, new AtomicReferenceArray<>(partitions));
    return pass;
  }

  /** Leaves {@code partial} in slot {@code partition} of {@code pass}; false when the pass is not open here. */
  static boolean put(long pass, int partition, Object partial) {
    AtomicReferenceArray<Object> slots = PASSES.get(pass);
    if (slots == null) {
      return false;
    }
    slots.set(partition, partial);
    return true;
  }

  /** The partial a task left in slot {@code partition} (once: the slot is emptied). */
  static Object take(long pass, int partition) {
    AtomicReferenceArray<Object> slots = PASSES.get(pass);
    Object partial = slots == null ? null : slots.getAndSet(partition, null);
    if (partial == null) {
      throw new IllegalStateException("partition " + partition + " returned no bytes and left no partial in pass "
          + pass);
    }
    return partial;
  }

  static void close(long pass) {
    PASSES.remove(pass);
  }

  /** Passes open in this JVM (tests). */
  static int openPasses() {
    return PASSES.size();
  }
}
