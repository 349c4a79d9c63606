package io.curvature.driver.spark;

import io.curvature.workers.Block;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Where the passes over one cached dataset run: in resident tasks ({@link ResidentPasses}) where they can, else each
 * as a Spark job of its own. Resident tasks hold a slot a partition, so they are used only where every partition has
 * a slot at once, and never keep them from other work: a {@link SparkListener} stops them as soon as Spark starts
 * any other job that runs tasks (a user's, an evaluation's, another fit's), and the passes after that run as jobs for
 * a while ({@link #BACK_OFF_PASSES}), then resident again. Fits sharing the data (Spark ML's tuning in parallel) share
 * its resident tasks; the state here is guarded by one lock.
 */
final class PassPlacement {
  /** Passes run as jobs after another job started, before resident tasks are tried again. */
  static final int BACK_OFF_PASSES = 8;
  /** The local property that marks a resident job, so that the listener does not take it for other work. */
  static final String RESIDENT_JOB = "curvature.residentJob";

  private final JavaSparkContext context;
  private final JavaRDD<Block> blocks;
  private final boolean possible;
  private volatile boolean allowed;
  private final Object lock = new Object();
  private ResidentPasses resident;
  /** Passes still to run as jobs after another stage was found waiting for slots. */
  private int jobPassesLeft;
  private int passesInResidentTasks;
  private int passesAsJobs;
  /**
   * How long resident tasks wait for a pass before they end and free their slots: longer than a fit's driver work
   * between passes (a preconditioner's factorization), short enough that a job submitted after the fit hardly waits.
   * A field for the tests.
   */
  long idleMillis = 200;
  /** Other jobs started while this data's resident tasks held the slots (tests). */
  volatile int reclaims;
  private final SparkListener otherJobs;

  /** {@code possible}: whether the data's passes can run in resident tasks at all; {@code wanted}: whether to. */
  PassPlacement(JavaSparkContext context, JavaRDD<Block> blocks, boolean possible, boolean wanted) {
    this.context = context;
    this.blocks = blocks;
    this.possible = possible;
    this.allowed = possible && wanted;
    this.otherJobs = possible ? new OtherJobs(this) : null;
    if (otherJobs != null) {
      context.sc().addSparkListener(otherJobs);
    }
  }

  /**
   * Tells the placement of every job that needs task slots. It holds the placement weakly: data whose owner never
   * closed it (so never removed the listener) can still be collected.
   */
  private static final class OtherJobs extends SparkListener {
    private final java.lang.ref.WeakReference<PassPlacement> placement;

    OtherJobs(PassPlacement placement) {
      this.placement = new java.lang.ref.WeakReference<>(placement);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      // A job of no partitions (a resident pass's marker) runs no task; a resident job is this data's or another
      // fit's (which stopped this one's when it started). Any other job needs slots.
      boolean resident = start.properties() != null && start.properties().getProperty(RESIDENT_JOB) != null;
      PassPlacement p = placement.get();
      if (p != null && !start.stageInfos().isEmpty() && !resident) {
        p.reclaim();
      }
    }
  }

  /** Another job started: the resident tasks end after their current pass and the next passes run as jobs. */
  private void reclaim() {
    synchronized (lock) {
      if (resident != null && resident.open()) {
        resident.stop();
        resident = null;
        jobPassesLeft = BACK_OFF_PASSES;
        reclaims++;
      }
    }
  }

  /** Tasks the context can run at once (its cores over spark.task.cpus), or 0 when it cannot say. */
  static int taskSlots(JavaSparkContext context) {
    try {
      org.apache.spark.SparkContext sc = context.sc();
      return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
    } catch (RuntimeException | LinkageError e) {
      return 0;
    }
  }

  boolean allowed() {
    return allowed;
  }

  /** Allows resident passes where possible, or stops them (then every pass is a job). */
  void allow(boolean allow) {
    if (!allow) {
      stop();
    }
    allowed = allow && possible;
  }

  /** Passes run so far in resident tasks and as jobs. */
  int[] counts() {
    synchronized (lock) {
      return new int[] {passesInResidentTasks, passesAsJobs};
    }
  }

  ResidentPasses current() {
    synchronized (lock) {
      return resident;
    }
  }

  void stop() {
    synchronized (lock) {
      if (resident != null) {
        resident.stop();
        resident = null;
      }
    }
  }

  /** Stops the resident tasks and waits (a few seconds at most) for them to end: the data's owner is done with it. */
  void close() {
    if (otherJobs != null) {
      context.sc().removeSparkListener(otherJobs);
    }
    ResidentPasses r;
    synchronized (lock) {
      r = resident;
      resident = null;
    }
    if (r != null) {
      r.stopAndAwait(5000);
    }
  }

  /**
   * Runs {@code task} in the resident tasks and returns the partials in partition order, or null: the pass is to run
   * as a job (not allowed here, backing off after another job, or the resident job not taking it). A resident
   * job started here is named after the pass it starts at (the job description the pass was given).
   */
  Object[] run(Function2<Integer, Iterator<Block>, ? extends Iterator<?>> task) throws Exception {
    ResidentPasses r;
    synchronized (lock) {
      if (!allowed || jobPassesLeft > 0) {
        jobPassesLeft = Math.max(0, jobPassesLeft - 1);
        passesAsJobs++;
        return null;
      }
      if (resident != null && !resident.open()) {
        resident = null;
      }
      if (resident == null) {
        String description = context.getLocalProperty("spark.job.description");
        String from = description == null ? "the first pass" : description.replaceFirst("^curvature ", "");
        context.setJobDescription("curvature resident tasks: the passes' work, from " + from + " on");
        context.setLocalProperty(RESIDENT_JOB, "true");
        try {
          resident = ResidentPasses.start(blocks, idleMillis);
        } finally {
          context.setLocalProperty(RESIDENT_JOB, null);
          context.setJobDescription(description);
        }
      }
      r = resident;
    }
    Object[] partials = r.run(task);                 // outside the lock: fits sharing the data pass side by side
    synchronized (lock) {
      if (partials != null) {
        passesInResidentTasks++;
      } else {
        passesAsJobs++;
        allowed &= !r.unserved();                    // its tasks could not see it: passes as jobs from now on
      }
    }
    if (partials != null) {
      markPass();
    }
    return partials;
  }

  /**
   * Records a pass run in resident tasks as a Spark job of its own, with the pass's description and the fit's job
   * group, as a pass run as a job is: a job over the cached blocks that selects none of their partitions, which Spark
   * reports to its listeners and UI (started and ended at once) without scheduling anything. Monitoring that counts
   * a fit's passes by its named jobs counts them the same either way.
   */
  private void markPass() {
    context.sc().runJob(blocks.rdd(), new NoPartitions(), (scala.collection.immutable.Seq<Object>) (Object)
        scala.collection.immutable.Nil$.MODULE$, ClassTag$.MODULE$.apply(Object.class));
  }

  /** The function of a job that selects no partitions: never called. */
  private static final class NoPartitions
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<Block>, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(TaskContext task, scala.collection.Iterator<Block> rows) {
      throw new IllegalStateException("a pass's marker job runs no task");
    }
  }
}
