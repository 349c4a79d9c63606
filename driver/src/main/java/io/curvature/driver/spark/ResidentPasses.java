package io.curvature.driver.spark;

import io.curvature.workers.Block;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.VoidFunction;

/**
 * Passes on a local master run by tasks that stay: one Spark job of one task a partition, each of which takes its
 * partition's cached blocks once and then computes every pass the driver posts to it, until it is stopped or has had
 * nothing to do for {@link #idleMillis}. A pass is then a hand-over between threads of one JVM: no job to schedule, no
 * task to serialize and deserialize, no result to send. What that saves: a job's fixed cost, 20 to 40 ms warm in the
 * benchmark's pass profile (a resident pass 8 to 11 ms there) and 55 to 75 ms in a JVM's first hundred jobs, while
 * the JIT still compiles Spark's job path, which is where a cold job's whole fit runs. The same pattern
 * as XGBoost's and LightGBM's Spark trainers, which run the whole training inside one job's tasks; here it is used
 * only where every task runs in the driver's JVM, so the work, its vectors and its partials are handed over in place.
 *
 * <p>The job holds a task slot a partition, so it is started only where they all fit at once, and never holds them
 * against other work: at most one runs in a JVM (starting one stops any other, after its current pass), a listener
 * stops it when Spark starts any other job that runs tasks ({@link PassPlacement}), and the tasks end by themselves
 * when no pass comes. A stopped or ended job is started again at a later pass. The job carries the
 * fit's job group and description, so cancelling the group cancels it and the pass in flight fails as a job's would.
 */
final class ResidentPasses {
  private static final Map<Long, ResidentPasses> RUNNING = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT_ID = new AtomicLong();
  /** The one resident job of this JVM that may hold task slots. */
  private static final AtomicReference<ResidentPasses> CURRENT = new AtomicReference<>();
  private static final Object STOP = new Object();

  private final long id;
  private final long idleMillis;
  private final ArrayList<LinkedBlockingQueue<Object>> mailboxes;
  private volatile JavaFutureAction<Void> job;
  private final AtomicInteger ended = new AtomicInteger();
  private volatile boolean unserved;
  private boolean closed;

  private ResidentPasses(int partitions, long idleMillis) {
    this.id = NEXT_ID.incrementAndGet();
    this.idleMillis = idleMillis;
    this.mailboxes = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      mailboxes.add(new LinkedBlockingQueue<>());
    }
  }

  /**
   * Starts a resident job over {@code blocks} (already cached) whose tasks end after {@code idleMillis} without a
   * pass. Any other resident job of this JVM is stopped first.
   */
  static ResidentPasses start(JavaRDD<Block> blocks, long idleMillis) {
    ResidentPasses r = new ResidentPasses(blocks.getNumPartitions(), idleMillis);
    RUNNING.put(r.id, r);
    ResidentPasses before = CURRENT.getAndSet(r);
    if (before != null) {
      before.stop();
    }
    r.job = blocks.foreachPartitionAsync(new ResidentTask(r.id));
    return r;
  }

  /** Whether this job may still take passes: not stopped, not ended, not displaced by another. */
  synchronized boolean open() {
    if (job.isDone()) {
      stop();
      RUNNING.remove(id);
    }
    return !closed && CURRENT.get() == this;
  }

  /** Whether its tasks may still run: the last has not ended (tests). */
  boolean tasksRunning() {
    return RUNNING.containsKey(id);
  }

  /** Whether the job ended with a pass in flight and no failure: its tasks did not find it (another JVM). */
  boolean unserved() {
    return unserved;
  }

  /** The resident job's ids (to tell its stage from others'). */
  List<Integer> jobIds() {
    return job.jobIds();
  }

  /**
   * Runs one pass: {@code task} on every partition's blocks in its resident task. Returns the partials in partition
   * order, or null when the job could not take the pass (stopped, ended, displaced, or its tasks did not find it):
   * the caller runs it as a job.
   */
  Object[] run(Function2<Integer, Iterator<Block>, ? extends Iterator<?>> task) throws Exception {
    Work work = new Work(task, mailboxes.size());
    if (!post(work)) {
      return null;
    }
    while (!work.done.await(50, TimeUnit.MILLISECONDS)) {
      if (job.isDone() && work.done.getCount() > 0) {
        stop();
        RUNNING.remove(id);
        try {
          job.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
          // Cancelled or failed (its job group cancelled, the context stopped): the pass fails as a job's would.
          Throwable cause = e.getCause() == null ? e : e.getCause();
          throw new IllegalStateException("a pass over the training data failed: its resident job ended: "
              + cause.getMessage(), cause);
        }
        unserved = true;                             // its tasks ended at once: they did not find it
        return null;
      }
    }
    for (int p = 0; p < work.failures.length(); p++) {
      Throwable failure = work.failures.get(p);
      if (failure != null) {
        throw new IllegalStateException("a pass over the training data failed: partition " + p + ": "
            + failure.getMessage(), failure);
      }
    }
    Object[] partials = new Object[mailboxes.size()];
    for (int p = 0; p < partials.length; p++) {
      partials[p] = work.partials.getAndSet(p, null);
    }
    return partials;
  }

  /**
   * Stops the job: its tasks finish the passes already posted and end (a task that starts after this still serves
   * them, so the job stays findable until it is seen done).
   */
  synchronized void stop() {
    if (!closed) {
      closed = true;
      mailboxes.forEach(m -> m.add(STOP));
      CURRENT.compareAndSet(this, null);
    }
  }

  /** Puts {@code work} in every partition's mailbox at once, unless the job is closed (then nothing is posted). */
  private synchronized boolean post(Work work) {
    if (!open()) {
      return false;
    }
    mailboxes.forEach(m -> m.add(work));
    return true;
  }

  /** Closes the job when partition {@code p}'s task found nothing to do, unless a pass came in the meantime. */
  private synchronized boolean closeIfIdle(int p) {
    if (!mailboxes.get(p).isEmpty()) {
      return false;
    }
    stop();
    return true;
  }

  /** Serves partition {@code p}'s passes on its blocks until stopped, idle or killed. */
  private void serve(TaskContext task, int p, List<Block> blocks) throws InterruptedException {
    LinkedBlockingQueue<Object> mailbox = mailboxes.get(p);
    while (true) {
      Object next = mailbox.poll(idleMillis, TimeUnit.MILLISECONDS);
      if (task.isInterrupted()) {
        stop();
        task.killTaskIfInterrupted();
      }
      if (next == STOP || (next == null && closeIfIdle(p))) {
        return;
      }
      if (next instanceof Work work) {
        work.runOn(p, blocks);
      }
    }
  }

  /**
   * Stops the job and waits up to {@code millis} for its tasks to end: a context stopped while they still run would
   * log their status updates as errors (its result threads are gone).
   */
  void stopAndAwait(long millis) {
    stop();
    try {
      job.get(millis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // ended by a failure or cancellation (reported by the pass that saw it), or still ending: nothing to add
    }
  }

  /** Stops this JVM's resident job, if any, so that a job about to be submitted finds the slots free. */
  static void stopCurrent() {
    ResidentPasses r = CURRENT.get();
    if (r != null) {
      r.stop();
    }
  }

  /** One pass as the resident tasks see it: the kernel, a slot for each partition's partial or failure. */
  private static final class Work {
    final Function2<Integer, Iterator<Block>, ? extends Iterator<?>> task;
    final AtomicReferenceArray<Object> partials;
    final AtomicReferenceArray<Throwable> failures;
    final CountDownLatch done;

    Work(Function2<Integer, Iterator<Block>, ? extends Iterator<?>> task, int partitions) {
      this.task = task;
      this.partials = new AtomicReferenceArray<>(partitions);
      this.failures = new AtomicReferenceArray<>(partitions);
      this.done = new CountDownLatch(partitions);
    }

    void runOn(int p, List<Block> blocks) {
      try {
        partials.set(p, OrderedTreeAggregate.onePartial(p, task.call(p, blocks.iterator())));
      } catch (Throwable t) {
        failures.set(p, t);
      } finally {
        done.countDown();
      }
    }
  }

  /**
   * The resident job's task: takes its partition's blocks (reading the whole iterator releases the cached block's read
   * lock) and serves passes. A task that finds no resident job of its id in its JVM (stopped before it started, or not
   * this JVM) ends at once.
   */
  private static final class ResidentTask implements VoidFunction<Iterator<Block>> {
    private static final long serialVersionUID = 1L;
    private final long id;

    ResidentTask(long id) {
      this.id = id;
    }

    @Override
    public void call(Iterator<Block> it) throws Exception {
      TaskContext task = TaskContext.get();
      ResidentPasses resident = RUNNING.get(id);
      if (resident == null) {
        return;
      }
      try {
        List<Block> blocks = new ArrayList<>();
        it.forEachRemaining(blocks::add);
        resident.serve(task, task.partitionId(), blocks);
      } finally {
        if (resident.ended.incrementAndGet() == resident.mailboxes.size()) {
          RUNNING.remove(id);                        // the last of its tasks: nothing can be posted to it any more
        }
      }
    }
  }
}
