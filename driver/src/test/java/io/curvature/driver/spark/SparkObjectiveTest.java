package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.solvers.TrustRegionSolver;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.Block;
import io.curvature.workers.RandomProblems;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Spark objective on local[2] against the in-process one, for several partitionings of the same rows. */
class SparkObjectiveTest {
  private static final double LAMBDA = 1e-3;
  private static final RandomProblems.Matrix DATA = RandomProblems.matrix(31, 3000, 60, 0.15, 10.0, true, false);
  private static GlmObjective local;
  private static final java.util.List<SparkBlockSums> opened = new java.util.ArrayList<>();

  @BeforeAll
  static void setUp() {
    local = GlmObjective.logistic(new LocalBlockSums(List.of(DATA.csr())), LAMBDA, true);
  }

  @AfterAll
  static void tearDown() {
    opened.forEach(s -> {
      s.close();
      s.blocks().unpersist(false);
    });
  }

  private static GlmObjective spark(int partitions) {
    return spark(partitions, false);
  }

  private static GlmObjective spark(int partitions, boolean ratesByJob) {
    JavaRDD<Block> rdd = TestSpark.context().parallelize(DATA.csrBlocks(partitions), partitions);
    SparkBlockSums sums = new SparkBlockSums(rdd);
    sums.ratesByJobWhenLocal = ratesByJob;
    opened.add(sums);
    assertEquals(partitions, sums.partitions());
    assertEquals(DATA.rows(), sums.summary().rows());
    return GlmObjective.logistic(sums, LAMBDA, true);
  }

  private static void assertRelativelyClose(double[] expected, double[] actual, double tolerance, String what) {
    double scale = 0;
    double error = 0;
    for (int j = 0; j < expected.length; j++) {
      scale = Math.max(scale, Math.abs(expected[j]));
      error = Math.max(error, Math.abs(expected[j] - actual[j]));
    }
    assertTrue(error <= tolerance * scale, what + ": max error " + error + " against scale " + scale);
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {1, 4, 7, 40})
  void agreesWithTheLocalObjectiveToRounding(int partitions) {
    GlmObjective distributed = spark(partitions);
    double[] w = RandomProblems.gaussian(5, distributed.dimension(), 0.1);
    double[] v = RandomProblems.gaussian(6, distributed.dimension(), 1.0);
    Evaluation expected = local.evaluate(w, Extra.SAMPLE_HESSIAN);
    Evaluation actual = distributed.evaluate(w, Extra.SAMPLE_HESSIAN);
    assertEquals(expected.value(), actual.value(), 1e-12 * Math.abs(expected.value()));
    assertRelativelyClose(expected.gradient(), actual.gradient(), 1e-12, "gradient");
    assertRelativelyClose(expected.hessianDiagonal(), actual.hessianDiagonal(), 1e-12, "fused diagonal");
    double[] hvExpected = new double[w.length];
    double[] hvActual = new double[w.length];
    expected.hessianVector(v, hvExpected);
    actual.hessianVector(v, hvActual);
    assertRelativelyClose(hvExpected, hvActual, 1e-12, "Hessian-vector product");
    assertRelativelyClose(expected.dense().hessian(), actual.dense().hessian(), 1e-12, "explicit Hessian");
    if (partitions == 1) {                          // the sample depends on the block boundaries
      assertRelativelyClose(expected.dense().sampleHessian(), actual.dense().sampleHessian(), 1e-12, "sample Hessian");
    }
    assertEquals(3, distributed.passes());      // value+gradient with the diagonal fused, HVP, Hessian
  }

  @Test
  void theSameEvaluationTwiceGivesTheSameBits() {
    for (int partitions : new int[] {7, 40}) {
      GlmObjective distributed = spark(partitions);
      double[] w = RandomProblems.gaussian(8, distributed.dimension(), 0.2);
      Evaluation first = distributed.evaluate(w);
      Evaluation second = distributed.evaluate(w);
      assertEquals(Double.doubleToRawLongBits(first.value()), Double.doubleToRawLongBits(second.value()));
      assertArrayEquals(first.gradient(), second.gradient(), 0.0);
    }
  }

  @Test
  void hessianProductsOfAnOlderEvaluationStayExact() {
    GlmObjective distributed = spark(4);
    int dim = distributed.dimension();
    double[] v = RandomProblems.gaussian(9, dim, 1.0);
    Evaluation oldest = distributed.evaluate(RandomProblems.gaussian(1, dim, 0.1));
    distributed.evaluate(RandomProblems.gaussian(2, dim, 0.1));
    distributed.evaluate(RandomProblems.gaussian(3, dim, 0.1));   // the workers' cache no longer holds `oldest`
    double[] actual = new double[dim];
    oldest.hessianVector(v, actual);
    double[] expected = new double[dim];
    local.evaluate(oldest.point()).hessianVector(v, expected);
    assertRelativelyClose(expected, actual, 1e-12, "Hessian-vector product at an evicted point");
  }

  @Test
  void tronOnSparkFindsTheLocalSolution() {
    StoppingRule rule = new StoppingRule(1e-8, 100);
    GlmObjective distributed = spark(4);
    SolverResult onSpark = new TrustRegionSolver(rule).minimize(distributed, new double[distributed.dimension()],
        IterationListener.NONE);
    SolverResult inProcess = new TrustRegionSolver(rule).minimize(local, new double[local.dimension()],
        IterationListener.NONE);
    assertTrue(onSpark.converged(), onSpark.message());
    assertEquals(inProcess.iterations(), onSpark.iterations());
    assertEquals(inProcess.passes(), onSpark.passes());
    assertEquals(inProcess.objective(), onSpark.objective(), 1e-13 * inProcess.objective());
  }

  @Test
  void compactPartialsOfWideSparseDataGiveTheBitsOfDenseOnes() {
    RandomProblems.Matrix wide = RandomProblems.matrix(41, 600, 4000, 0.003, 1.0, false, false);
    List<Block> parts = wide.csrBlocks(6);
    SparkBlockSums compact = new SparkBlockSums(TestSpark.context().parallelize(parts, 6), true, 0);
    SparkBlockSums dense = new SparkBlockSums(TestSpark.context().parallelize(parts, 6), false, 0);
    opened.add(compact);
    opened.add(dense);
    assertTrue(compact.supportBytes() > 0 && dense.supportBytes() == 0);
    GlmObjective a = GlmObjective.logistic(compact, 1e-2, true);
    GlmObjective b = GlmObjective.logistic(dense, 1e-2, true);
    GlmObjective reference = GlmObjective.logistic(new LocalBlockSums(List.of(wide.csr())), 1e-2, true);
    double[] w = RandomProblems.gaussian(2, a.dimension(), 0.2);
    double[] v = RandomProblems.gaussian(3, a.dimension(), 1.0);
    Evaluation ea = assertSameBits(a, b, w, v);
    Evaluation er = reference.evaluate(w);
    assertEquals(er.value(), ea.value(), 1e-12 * er.value());
    assertRelativelyClose(er.gradient(), ea.gradient(), 1e-12, "compact gradient");
  }

  /**
   * The one job that caches and counts the blocks also learns each partition's columns, as {@code Supports.of} reads
   * them from the partition's blocks: a sparse partition its columns, one holding a dense block none (its partials stay
   * dense), an empty one an empty support.
   */
  @Test
  void oneJobCachesCountsAndLearnsEveryPartitionsColumns() throws Exception {
    RandomProblems.Matrix wide = RandomProblems.matrix(43, 500, 5000, 0.002, 1.0, false, false);
    List<Block> parts = new java.util.ArrayList<>(wide.csrBlocks(5));
    parts.set(3, ((io.curvature.workers.CsrBlock) parts.get(3)).toDense(wide.cols()));
    JavaRDD<Block> rdd = TestSpark.context().parallelize(parts, 6);     // partition 0 gets no block
    List<List<Block>> byPartition = rdd.glom().collect();
    TestSpark.awaitListeners();
    java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        jobs.incrementAndGet();
      }
    };
    TestSpark.session().sparkContext().addSparkListener(listener);
    SparkBlockSums sums;
    try {
      sums = new SparkBlockSums(rdd, true, 0);
      TestSpark.awaitListeners();
    } finally {
      TestSpark.session().sparkContext().removeSparkListener(listener);
    }
    opened.add(sums);
    assertEquals(1, jobs.get(), "jobs to cache, count and learn the columns");
    assertEquals(wide.rows(), sums.summary().rows());
    int withColumns = 0;
    for (int p = 0; p < byPartition.size(); p++) {
      int[] expected = io.curvature.workers.Supports.of(byPartition.get(p), sums.summary().numFeatures());
      assertArrayEquals(expected, sums.supportOf(p), "partition " + p);
      withColumns += expected != null && expected.length > 0 ? 1 : 0;
    }
    assertEquals(4, withColumns, "four sparse partitions");
    assertEquals(0, sums.supportOf(0).length, "the empty partition");
    assertEquals(null, sums.supportOf(4), "the partition holding the dense block");
  }

  /**
   * The three ways a vector reaches the tasks (closure, shared in this JVM, broadcast) and the two ways partials come
   * back (in place, as bytes) give the same bits.
   */
  @ParameterizedTest(name = "as on a cluster: {0}")
  @ValueSource(booleans = {false, true})
  void vectorsInTheClosureGiveTheBitsOfLargeOnes(boolean asOnACluster) {
    RandomProblems.Matrix m = RandomProblems.matrix(43, 300, 40, 0.2, 1.0, false, false);
    List<Block> parts = m.csrBlocks(3);
    SparkBlockSums inClosure = new SparkBlockSums(TestSpark.context().parallelize(parts, 3), true, 0);
    SparkBlockSums large = new SparkBlockSums(TestSpark.context().parallelize(parts, 3), true, 0, 0);
    large.clusterPathsWhenLocal = asOnACluster;
    opened.add(inClosure);
    opened.add(large);
    GlmObjective a = GlmObjective.logistic(inClosure, 1e-2, true);
    GlmObjective b = GlmObjective.logistic(large, 1e-2, true);
    long sharedBefore = JvmLocalVector.held();
    double[] w = RandomProblems.gaussian(4, a.dimension(), 0.3);
    double[] v = RandomProblems.gaussian(5, a.dimension(), 1.0);
    Evaluation ea = assertSameBits(a, b, w, v);
    // A second point, then a product at the first again: the kept points of every kind are found by key.
    assertSameBits(a, b, RandomProblems.gaussian(6, a.dimension(), 0.3), v);
    double[] again = new double[w.length];
    ea.hessianVector(v, again);
    assertArrayEquals(hessianVector(b.evaluate(w, Extra.DIAGONAL), v), again, 0.0);
    for (int k = 0; k < 5; k++) {
      b.evaluate(RandomProblems.gaussian(10 + k, a.dimension(), 0.3), Extra.NONE);
    }
    // Shared vectors: the two newest points stay, the older ones and every pass's direction are released.
    assertEquals(asOnACluster ? 0 : 2, JvmLocalVector.held() - sharedBefore);
    large.close();
    assertEquals(0, JvmLocalVector.held() - sharedBefore);
  }

  private static double[] hessianVector(Evaluation e, double[] v) {
    double[] out = new double[v.length];
    e.hessianVector(v, out);
    return out;
  }

  /** a and b at w: the same value, gradient, diagonal and Hessian-vector product, bit for bit; a's evaluation. */
  private static Evaluation assertSameBits(GlmObjective a, GlmObjective b, double[] w, double[] v) {
    Evaluation ea = a.evaluate(w, Extra.DIAGONAL);
    Evaluation eb = b.evaluate(w, Extra.DIAGONAL);
    assertEquals(Double.doubleToRawLongBits(eb.value()), Double.doubleToRawLongBits(ea.value()));
    assertArrayEquals(eb.gradient(), ea.gradient(), 0.0);
    assertArrayEquals(eb.hessianDiagonal(), ea.hessianDiagonal(), 0.0);
    assertArrayEquals(hessianVector(eb, v), hessianVector(ea, v), 0.0);
    return ea;
  }

  /**
   * auto's Gram rates come from the executors: one job of one task a partition for both rates, not a measurement in
   * the driver's JVM (which may have another BLAS), and not repeated for the second rate; on a local master, whose
   * executor is the driver's JVM, no job.
   */
  @ParameterizedTest(name = "as on a cluster: {0}")
  @ValueSource(booleans = {true, false})
  void gramRatesAreMeasuredByOneJobOnTheExecutors(boolean asOnACluster) throws Exception {
    GlmObjective distributed = spark(3, asOnACluster);
    TestSpark.awaitListeners();                     // the load's events are not counted below
    List<String> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        jobs.add(start.properties().getProperty("spark.job.description"));
        scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds()).forEach(id -> stages.add((Integer) id));
      }

      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (stages.contains(end.stageId())) {
          tasks.incrementAndGet();
        }
      }
    };
    TestSpark.session().sparkContext().addSparkListener(listener);
    double dsyrk;
    double sample;
    try {
      dsyrk = distributed.gramFlopsPerCore(distributed.dimension());
      sample = distributed.sampleGramFlopsPerCore(distributed.dimension());
      assertEquals(dsyrk, distributed.gramFlopsPerCore(distributed.dimension()), 0.0, "measured once");
      TestSpark.awaitListeners();
    } finally {
      TestSpark.session().sparkContext().removeSparkListener(listener);
    }
    assertEquals(asOnACluster ? 1 : 0, jobs.size(), jobs.toString());
    if (asOnACluster) {
      assertTrue(jobs.get(0).contains("Gram kernels' rates"), jobs.toString());
      assertEquals(3, tasks.get(), "one task a partition");
    }
    assertTrue(dsyrk > 1e6 && Double.isFinite(dsyrk), "dsyrk rate " + dsyrk);
    assertTrue(sample > 1e6 && Double.isFinite(sample), "sample Gram rate " + sample);
  }
}
