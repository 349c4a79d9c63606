package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.solvers.TrustRegionSolver;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.Block;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passes in resident tasks (local[2], two partitions: a slot for each) against passes as jobs: the same bits, and
 * the tasks never keep their slots from other work (another job waiting, idleness, close, a cancelled job group).
 */
class ResidentPassesTest {
  private static final double LAMBDA = 1e-3;
  private final List<SparkBlockSums> opened = new ArrayList<>();

  @AfterEach
  void tearDown() {
    opened.forEach(s -> {
      s.close();
      s.blocks().unpersist(false);
    });
    opened.clear();
  }

  private SparkBlockSums sums(List<Block> parts, boolean resident) {
    SparkBlockSums sums = new SparkBlockSums(TestSpark.context().parallelize(parts, parts.size()), true, 0);
    opened.add(sums);
    sums.resident(resident);
    assertEquals(resident, sums.resident(), "resident passes on local[2] with " + parts.size() + " partitions");
    return sums;
  }

  private static List<Block> parts(boolean float32) {
    List<Block> parts = RandomProblems.matrix(51, 2000, 50, 0.2, 10.0, true, false).csrBlocks(2);
    if (float32) {
      parts.replaceAll(b -> ((CsrBlock) b).toFloat32());
    }
    return parts;
  }

  private static double[] hessianVector(Evaluation e, double[] v) {
    double[] out = new double[v.length];
    e.hessianVector(v, out);
    return out;
  }

  private static void assertSameEvaluation(Evaluation expected, Evaluation actual, double[] v) {
    assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(actual.value()));
    assertArrayEquals(expected.gradient(), actual.gradient(), 0.0);
    assertArrayEquals(expected.hessianDiagonal(), actual.hessianDiagonal(), 0.0);
    assertArrayEquals(hessianVector(expected, v), hessianVector(actual, v), 0.0);
  }

  @ParameterizedTest(name = "float32 values: {0}")
  @ValueSource(booleans = {false, true})
  void residentPassesGiveTheBitsOfJobs(boolean float32) {
    SparkBlockSums resident = sums(parts(float32), true);
    SparkBlockSums jobs = sums(parts(float32), false);
    GlmObjective a = GlmObjective.logistic(resident, LAMBDA, true);
    GlmObjective b = GlmObjective.logistic(jobs, LAMBDA, true);
    double[] v = RandomProblems.gaussian(3, a.dimension(), 1.0);
    for (int k = 0; k < 3; k++) {
      double[] w = RandomProblems.gaussian(10 + k, a.dimension(), 0.2);
      assertSameEvaluation(b.evaluate(w, Extra.DIAGONAL), a.evaluate(w, Extra.DIAGONAL), v);
    }
    assertArrayEquals(jobs.featureMoments().sumSquares(), resident.featureMoments().sumSquares(), 0.0);
    StoppingRule rule = new StoppingRule(1e-9, 100);
    SolverResult onJobs = new TrustRegionSolver(rule).minimize(b, new double[b.dimension()], IterationListener.NONE);
    SolverResult onResident = new TrustRegionSolver(rule).minimize(a, new double[a.dimension()],
        IterationListener.NONE);
    assertTrue(onResident.converged(), onResident.message());
    assertEquals(onJobs.iterations(), onResident.iterations());
    assertEquals(onJobs.passes(), onResident.passes());
    assertArrayEquals(onJobs.w(), onResident.w(), 0.0);
    int[] byMechanism = resident.passesByMechanism();
    assertEquals(0, byMechanism[1], "no pass as a job");
    assertTrue(byMechanism[0] > 20, byMechanism[0] + " passes in resident tasks");
    assertEquals(0, jobs.passesByMechanism()[0]);
  }

  /**
   * A job submitted while resident tasks hold both slots runs, though the passes keep coming (the tasks never idle):
   * its start stops the resident tasks, and a few passes after it run as jobs.
   */
  @Test
  void aJobWaitingForTheSlotsIsNotStarvedByAFitsPasses() throws Exception {
    SparkBlockSums sums = sums(parts(false), true);
    sums.placement().idleMillis = 60_000;                // only the other job's start can free the slots
    GlmObjective f = GlmObjective.logistic(sums, LAMBDA, true);
    double[] w = new double[f.dimension()];
    f.evaluate(w, Extra.NONE);
    int jobsBefore = sums.passesByMechanism()[1];
    JavaFutureAction<Long> other = TestSpark.context().parallelize(List.of(1, 2, 3, 4), 2).countAsync();
    int passes = 0;
    while (!other.isDone() && passes < 2000) {
      w[0] += 1e-3;                                  // a new point each time: a value+gradient pass
      f.evaluate(w, Extra.NONE);
      passes++;
    }
    assertEquals(4L, other.get(10, TimeUnit.SECONDS));
    assertTrue(passes < 2000, "the other job ran only after " + passes + " passes");
    assertTrue(sums.passesByMechanism()[1] > jobsBefore, "passes after its start ran as jobs");
    assertEquals(1, sums.placement().reclaims, "the other job's start stopped the resident tasks once");
    for (int k = 0; k < PassPlacement.BACK_OFF_PASSES + 2; k++) {
      w[0] += 1e-3;
      f.evaluate(w, Extra.NONE);
    }
    int[] after = sums.passesByMechanism();
    w[0] += 1e-3;
    f.evaluate(w, Extra.NONE);
    assertEquals(after[0] + 1, sums.passesByMechanism()[0], "resident again once nothing waits");
  }

  /** Tasks with nothing to do end and free their slots; the next pass starts them again, with the same bits. */
  @Test
  void idleResidentTasksEndAndComeBack() throws Exception {
    SparkBlockSums resident = sums(parts(false), true);
    SparkBlockSums jobs = sums(parts(false), false);
    GlmObjective a = GlmObjective.logistic(resident, LAMBDA, true);
    GlmObjective b = GlmObjective.logistic(jobs, LAMBDA, true);
    double[] w = RandomProblems.gaussian(7, a.dimension(), 0.2);
    double[] v = RandomProblems.gaussian(8, a.dimension(), 1.0);
    a.evaluate(w, Extra.NONE);
    ResidentPasses tasks = resident.placement().current();
    assertTrue(tasks != null, "the pass started resident tasks");     // whether they still run depends on the clock
    awaitEnd(tasks, 10_000);
    assertSameEvaluation(b.evaluate(w, Extra.DIAGONAL), a.evaluate(w, Extra.DIAGONAL), v);
    assertEquals(0, resident.passesByMechanism()[1], "every pass in resident tasks");
    assertTrue(resident.placement().current() != tasks, "the tasks started again");
  }

  @Test
  void closingEndsTheResidentTasks() throws Exception {
    SparkBlockSums sums = sums(parts(false), true);
    sums.placement().idleMillis = 60_000;                // only closing can end them within the wait below
    GlmObjective f = GlmObjective.logistic(sums, LAMBDA, true);
    f.evaluate(new double[f.dimension()], Extra.NONE);
    ResidentPasses tasks = sums.placement().current();
    assertTrue(tasks.tasksRunning());
    sums.close();
    // Closing waits for them: a context stopped next would log their status updates as errors.
    assertFalse(tasks.tasksRunning(), "resident tasks still running after close");
  }

  /** The slow pass's work has begun; it may end (the test lets it once the pass has failed). */
  private static final java.util.concurrent.CountDownLatch SLOW_STARTED = new java.util.concurrent.CountDownLatch(1);
  private static final java.util.concurrent.CountDownLatch SLOW_MAY_END = new java.util.concurrent.CountDownLatch(1);

  /**
   * Cancelling the fit's job group fails the pass in flight, as it fails a pass's job, without waiting for the
   * pass's work to end; later passes run again. The work blocks until the test sees the pass fail, so a pass that
   * waited for it instead would end normally after the latch's bound, and assertThrows would fail.
   */
  @Test
  void cancellingTheJobGroupFailsThePassInFlight() throws Exception {
    SparkBlockSums sums = sums(parts(false), true);
    JavaSparkContext sc = TestSpark.context();
    sc.setJobGroup("resident-cancel", "a fit cancelled by its user", false);
    try {
      double[] point = new double[sums.summary().numFeatures()];
      sums.sum("warm", 1L, point, null, 1, 0, (block, p, v, out) -> out[0] += block.rows());
      Thread canceller = new Thread(() -> {
        try {
          if (SLOW_STARTED.await(2, TimeUnit.MINUTES)) {
            sc.cancelJobGroup("resident-cancel");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      canceller.start();
      IllegalStateException e;
      try {
        e = assertThrows(IllegalStateException.class, () -> sums.sum("slow", 1L, point, null, 1, 0,
            (block, p, v, out) -> {
              SLOW_STARTED.countDown();
              awaitQuietly(SLOW_MAY_END, 60);
            }));
      } finally {
        SLOW_MAY_END.countDown();
      }
      canceller.join();
      assertTrue(e.getMessage().contains("resident job ended"), e.getMessage());
      double[] rows = sums.sum("after", 1L, point, null, 1, 0, (block, p, v, out) -> out[0] += block.rows());
      assertEquals(2000.0, rows[0]);
    } finally {
      sc.clearJobGroup();
    }
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch, long seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Two fits' passes in turn (a fit and its validation data) each displace the other's tasks, never wait on them. */
  @Test
  void twoFitsTakingTurnsGiveTheBitsOfJobs() {
    SparkBlockSums first = sums(parts(false), true);
    SparkBlockSums second = sums(RandomProblems.matrix(52, 1000, 50, 0.2, 10.0, false, false).csrBlocks(2), true);
    SparkBlockSums reference = sums(RandomProblems.matrix(52, 1000, 50, 0.2, 10.0, false, false).csrBlocks(2),
        false);
    GlmObjective a = GlmObjective.logistic(first, LAMBDA, true);
    GlmObjective b = GlmObjective.logistic(second, LAMBDA, true);
    GlmObjective c = GlmObjective.logistic(reference, LAMBDA, true);
    double[] v = RandomProblems.gaussian(9, a.dimension(), 1.0);
    for (int k = 0; k < 5; k++) {
      double[] w = RandomProblems.gaussian(20 + k, a.dimension(), 0.2);
      a.evaluate(w, Extra.NONE);
      assertSameEvaluation(c.evaluate(w, Extra.DIAGONAL), b.evaluate(w, Extra.DIAGONAL), v);
    }
    assertFalse(second.passesByMechanism()[0] == 0, "the second fit's passes ran in resident tasks");
  }

  private static void awaitEnd(ResidentPasses tasks, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (tasks.tasksRunning() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(tasks.tasksRunning(), "resident tasks still running after " + millis + " ms");
  }
}
