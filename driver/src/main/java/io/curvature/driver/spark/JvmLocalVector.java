package io.curvature.driver.spark;

import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vector that tasks running in the driver's own JVM read in place. On a local master the executor is the driver's
 * JVM, and a broadcast there still serializes its value, compresses and checksums the bytes, and stores them in the
 * block manager with a round trip to its master, only for the tasks to read the object the driver holds anyway: 23
 * ms a pass for a d = 10^6 point, a quarter of a wide L-BFGS iteration (timers around each step of the benchmark's
 * warm runs). Here only an id travels in the task; the value stays in a map of this JVM until {@link #release} or until
 * the driver's handle becomes unreachable (a {@link Cleaner}), so a fit that is never closed does not keep its
 * vectors for the JVM's life.
 *
 * <p>Only for tasks that run where the handle was made and see this class as the driver does: a task in another JVM,
 * or under another copy of the class (a local master with {@code spark.executor.userClassPathFirst}, whose executor
 * loads the application's jar again), finds no value and fails, saying so. {@link SparkBlockSums} therefore uses it
 * only when the master is local ({@code SparkContext.isLocal}: "local" and "local[...]", not "local-cluster", whose
 * executors are JVMs of their own) and the tasks of its first job found a handle of the driver's ({@link #isHere}).
 */
public final class JvmLocalVector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Long, double[]> VALUES = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_ID = new AtomicLong();
  private static final Cleaner CLEANER = Cleaner.create();
  /** Values shared less values released by {@link #release} (not by the cleaner, which runs when the GC says). */
  private static final AtomicLong HELD = new AtomicLong();

  private final long id;
  /** The value, held by the driver's handle; a deserialized handle (a task's) looks it up once. */
  private transient double[] value;

  private JvmLocalVector(long id, double[] value) {
    this.id = id;
    this.value = value;
  }

  /** Shares {@code value} (not copied: the caller must not change it while tasks may read it). */
  public static JvmLocalVector share(double[] value) {
    long id = NEXT_ID.incrementAndGet();
    VALUES.put(id, value);
    HELD.incrementAndGet();
    JvmLocalVector handle = new JvmLocalVector(id, value);
    CLEANER.register(handle, releaseWhenUnreachable(id));
    return handle;
  }

  /**
   * What the cleaner runs once the driver's handle of {@code id} is unreachable: it drops the value. It holds the id
   * only, so it keeps no handle reachable (a cleaning action that did would never run).
   */
  static Runnable releaseWhenUnreachable(long id) {
    return () -> VALUES.remove(id);
  }

  /** The id tasks look the value up by. */
  long id() {
    return id;
  }

  public double[] value() {
    double[] v = value;
    if (v == null) {
      v = VALUES.get(id);
      if (v == null) {
        throw new IllegalStateException("shared vector " + id + " is not in this JVM: it was released, or this task "
            + "runs outside the driver's JVM (only a local master's tasks can read a JvmLocalVector)");
      }
      value = v;
    }
    return v;
  }

  /** Whether this handle's value can be read here (a task's probe: the same JVM and the same class). */
  public boolean isHere() {
    return value != null || VALUES.containsKey(id);
  }

  /** Drops the value from this JVM's map; tasks that already read it keep their reference. */
  public void release() {
    if (VALUES.remove(id) != null) {
      HELD.decrementAndGet();
    }
  }

  /**
   * Values shared in this JVM and not yet released by their owners (tests: unlike the map's size, a count the
   * garbage collector does not change while a test runs).
   */
  static long held() {
    return HELD.get();
  }
}
