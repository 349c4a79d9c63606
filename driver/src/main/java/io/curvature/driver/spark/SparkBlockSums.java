package io.curvature.driver.spark;

import io.curvature.driver.objective.BlockPass;
import io.curvature.driver.objective.BlockSums;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.FeatureMoments;
import io.curvature.workers.Block;
import io.curvature.workers.BlockKernels;
import io.curvature.workers.GramPartial;
import io.curvature.workers.GramSample;
import io.curvature.workers.LossPartial;
import io.curvature.workers.RowLoss;
import io.curvature.workers.Supports;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.Function3;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * {@link BlockSums} over an RDD of blocks cached in executor memory. Each pass sends what changed (the point for a
 * value+gradient pass; the direction for a Hessian product), runs the block kernels in every partition and merges
 * the partials in partition order ({@link OrderedTreeAggregate}).
 *
 * <p>A vector goes inside the pass's closure up to {@link #IN_CLOSURE_MAX} entries and by broadcast above: Spark
 * ships the closure once a stage anyway (as its task binary), so a small vector rides along for nothing, while a
 * broadcast of its own costs a registration with the block manager and a removal (about 10 ms a pass at d = 784, in
 * the benchmark's pass profile); a large vector is better broadcast, since every task deserializes its closure (at
 * d = 10^5 the closure cost 1.3 to 2x the broadcast). On a local master a large vector is not broadcast but shared
 * with the tasks in place ({@link JvmLocalVector}): they run in this JVM, and a broadcast would serialize, compress and
 * store what they then read as the driver's own object. The points of the last two evaluations are kept, matching the
 * two curvature slots on the workers; older ones are destroyed.
 *
 * <p>Partials are sparse where the data is: with one aggregation level, a partition whose rows touch less than half of
 * the columns sends only the values on its columns ({@link Supports}); the driver, which learned every partition's
 * columns once at load, adds them into the running sum in partition order. The sums are the same as with dense
 * partials (adding the zeros a dense partial carries changes nothing but the sign of a zero), and wide sparse models
 * move a fraction of the bytes.
 */
public final class SparkBlockSums implements BlockSums, AutoCloseable {
  /** Points each fit keeps: its two newest, as many as the workers keep curvature states for. */
  private static final int PER_OWNER = 2;
  /** Points kept in all, across finished and running fits. */
  private static final int LIVE_POINTS = 16;
  /** Entries up to which a vector travels in the pass's closure rather than by broadcast (128 KB of doubles). */
  public static final int IN_CLOSURE_MAX = 1 << 14;
  /** Thread-local Spark property holding what the current passes are for ({@link #describe}). */
  private static final String CONTEXT_PROPERTY = "curvature.passContext";

  private final JavaSparkContext context;
  private final JavaRDD<Block> blocks;
  private final DataSummary summary;
  private final int depth;
  private final int inClosureMax;
  private final Map<Long, Shipped> points = new LinkedHashMap<>();
  /** Per partition, the columns its rows touch, or null where its partials stay dense; null when none is sparse. */
  private final int[][] supports;
  /**
   * The same, as the tasks read them: one broadcast a partition (null where its partials stay dense), so an executor
   * fetches only its own partitions' columns, and each value is an int[], which Kryo writes even where a cluster
   * requires registered classes ({@code spark.kryo.registrationRequired}: an int[][] failed there).
   */
  private final ArrayList<Broadcast<int[]>> supportsOnExecutors;
  /** Test hook, spark.curvature.test.failFirstAttempt: "true" fails a task, "executor" ends an executor JVM. */
  private final String failFirstAttempts;
  private int compactPasses;
  /** Test hook: measure the Gram rates by a job even on a local master, as on a cluster. */
  boolean ratesByJobWhenLocal;
  /**
   * Whether the tasks run in this JVM and see its classes (a local master's, unless its executor loads the
   * application's jar again): then large vectors and partials stay in place ({@link JvmLocalVector},
   * {@link JvmLocalPartials}) instead of going through broadcasts and task results. Said by the first job's tasks;
   * until then, whether the master is local (a partial that finds no slot comes back as bytes anyway).
   */
  private boolean tasksInDriverJvm;
  /** Test hook: broadcast large vectors and return partials as bytes even on a local master, as on a cluster. */
  boolean clusterPathsWhenLocal;
  /**
   * Where passes run: in resident tasks ({@link ResidentPasses}) on a local master whose tasks see this JVM, with one
   * aggregation level and a task slot for every partition, unless spark.curvature.residentPasses is false; else each
   * as a job.
   */
  private final PassPlacement placement;

  /** Caches {@code blocks} in memory (unless already persisted) and gathers their sizes in one job. */
  public SparkBlockSums(JavaRDD<Block> blocks) {
    this(blocks, true, 0);
  }

  /**
   * As above; {@code compactPartials} false keeps every partial dense (for comparisons); {@code numFeatures} > 0
   * declares the model's dimension when it exceeds the largest column in the data (0: the data's).
   */
  public SparkBlockSums(JavaRDD<Block> blocks, boolean compactPartials, int numFeatures) {
    this(blocks, compactPartials, numFeatures, IN_CLOSURE_MAX);
  }

  /** As above, vectors of up to {@code inClosureMax} entries sent in the closure (0: every one broadcast). */
  public SparkBlockSums(JavaRDD<Block> blocks, boolean compactPartials, int numFeatures, int inClosureMax) {
    this.inClosureMax = inClosureMax;
    this.blocks = blocks.getStorageLevel().equals(StorageLevel.NONE()) ? blocks.persist(StorageLevel.MEMORY_ONLY())
        : blocks;
    this.context = JavaSparkContext.fromSparkContext(blocks.context());
    this.failFirstAttempts = context.getConf().get("spark.curvature.test.failFirstAttempt", "false");
    this.depth = OrderedTreeAggregate.depthFor(blocks.getNumPartitions());
    boolean learnSupports = compactPartials && depth == 1;
    label("cache the data and count it");
    ResidentPasses.stopCurrent();                    // its tasks need the slots another fit's resident tasks hold
    // On a local master the tasks also say whether they can read a vector of the driver's in place.
    this.tasksInDriverJvm = context.isLocal();
    JvmLocalVector probe = tasksInDriverJvm ? JvmLocalVector.share(new double[0]) : null;
    BlockCount counted = runCompact(
        (index, it) -> Collections.singletonList(BlockCount.of(index, it, learnSupports, probe)).iterator(),
        BlockCount::merge, (index, partial) -> partial, null);
    if (probe != null) {
      probe.release();
    }
    this.tasksInDriverJvm = counted.sawDriversVector();
    DataSummary found = counted.summary();
    if (found == null) {
      throw new IllegalArgumentException("the training data has no rows");
    }
    if (numFeatures > 0 && found.numFeatures() > numFeatures) {
      throw new IllegalArgumentException("the data has " + found.numFeatures() + " features, more than the "
          + numFeatures + " declared");
    }
    this.summary = numFeatures > found.numFeatures() ? found.withNumFeatures(numFeatures) : found;
    this.supports = learnSupports ? counted.supports(blocks.getNumPartitions(), summary.numFeatures()) : null;
    this.supportsOnExecutors = supports == null ? null : broadcastEach(context, supports);
    this.placement = new PassPlacement(context, this.blocks, tasksInDriverJvm && depth == 1
        && failFirstAttempts.equals("false") && blocks.getNumPartitions() <= PassPlacement.taskSlots(context),
        context.getConf().getBoolean("spark.curvature.residentPasses", true));
  }

  /** The columns partition {@code index}'s partials are compacted to, or null where they stay dense (tests). */
  int[] supportOf(int index) {
    return supports == null ? null : supports[index];
  }

  private static ArrayList<Broadcast<int[]>> broadcastEach(JavaSparkContext context, int[][] supports) {
    ArrayList<Broadcast<int[]>> out = new ArrayList<>(supports.length);
    for (int[] s : supports) {
      out.add(s == null ? null : context.broadcast(s));
    }
    return out;
  }

  /** Partition {@code index}'s columns as a task reads them, or null: its partial stays dense. */
  private static int[] support(List<Broadcast<int[]>> cut, int index) {
    Broadcast<int[]> b = cut == null ? null : cut.get(index);
    return b == null ? null : b.value();
  }

  /** Bytes of the columns lists the driver keeps (4 a column), 0 when partials are dense. */
  public long supportBytes() {
    long total = 0;
    if (supports != null) {
      for (int[] s : supports) {
        total += s == null ? 0 : 4L * s.length;
      }
    }
    return total;
  }

  public JavaRDD<Block> blocks() {
    return blocks;
  }

  public int partitions() {
    return blocks.getNumPartitions();
  }

  @Override
  public DataSummary summary() {
    return summary;
  }

  @Override
  public LossPartial valueGradient(RowLoss loss, boolean intercept, double[] w, long key, boolean diagonal,
      GramSample gram) {
    Shipped point = point(key, w);
    ArrayList<Broadcast<int[]>> cut = gram == null ? supportsOnExecutors : null;   // a Gram partial stays whole
    int dim = w.length;
    int outputs = loss.outputs();
    int tail = dim - summary.numFeatures() * outputs;
    label(gram == null ? (diagonal ? "value+gradient+diagonal" : "value+gradient")
        : gram.exact() ? "value+gradient+Hessian" : "value+gradient+sample Hessian");
    return runCompact((index, it) -> {
      LossPartial p = new LossPartial(dim, diagonal, gram);
      double[] wv = point.value();
      while (it.hasNext()) {
        BlockKernels.valueGradient(it.next(), loss, wv, intercept, key, p);
      }
      int[] support = support(cut, index);
      return Collections.singletonList(support == null ? p : p.compact(support, outputs, tail)).iterator();
    }, LossPartial::merge,
        (index, p) -> cut == null || supports[index] == null ? p : p.expand(supports[index], outputs, dim),
        (total, index, p) -> cut == null || supports[index] == null ? total.merge(p)
            : total.mergeCompact(p, supports[index], outputs));
  }

  @Override
  public double[] hessianVector(RowLoss loss, boolean intercept, double[] w, long key, double[] v) {
    Shipped point = point(key, w);
    Shipped direction = ship(v);
    label("Hessian-vector product");
    try {
      return vectorPass(w.length, loss.outputs(), (out, block) ->
          BlockKernels.hessianVector(block, loss, point.value(), intercept, key, direction.value(), out));
    } finally {
      direction.destroy();
    }
  }

  @Override
  public double[] hessianVectorSampled(RowLoss loss, boolean intercept, double[] w, long key, double[] v, int stride,
      int offset) {
    Shipped point = point(key, w);
    Shipped direction = ship(v);
    label("sub-sampled Hessian-vector product (1/" + stride + " of the rows)");
    int dim = w.length;
    try {
      // One more slot than the coefficients: the sampled rows' weight, carried as part of the partial's tail.
      return vectorPass(dim + 1, loss.outputs(), (out, block) -> out[dim] += BlockKernels.hessianVector(block, loss,
          point.value(), intercept, key, direction.value(), out, stride, offset));
    } finally {
      direction.destroy();
    }
  }

  @Override
  public double[] hessianDiagonal(RowLoss loss, boolean intercept, double[] w, long key) {
    Shipped point = point(key, w);
    label("Hessian diagonal");
    return vectorPass(w.length, loss.outputs(), (out, block) ->
        BlockKernels.hessianDiagonal(block, loss, point.value(), intercept, key, out));
  }

  /** A pass of any model's kernel (see {@link BlockSums#sum}): the point broadcast per key, the vector per pass. */
  @Override
  public double[] sum(String pass, long key, double[] w, double[] vector, int length, int outputs,
      BlockPass kernel) {
    Shipped point = point(key, w);
    Shipped direction = vector == null ? null : ship(vector);
    label(pass);
    try {
      return vectorPass(length, outputs, (out, block) ->
          kernel.add(block, point.value(), direction == null ? null : direction.value(), out));
    } finally {
      if (direction != null) {
        direction.destroy();
      }
    }
  }

  @Override
  public FeatureMoments featureMoments() {
    int d = summary.numFeatures();
    label("feature moments");
    return run(it -> {
      FeatureMoments m = FeatureMoments.zero(d);
      while (it.hasNext()) {
        m = m.add(it.next());
      }
      return Collections.singletonList(m).iterator();
    }, FeatureMoments::merge);
  }

  /**
   * Names the passes that follow: their Spark jobs show "curvature CONTEXT: PASS KIND" in the UI. Job descriptions are
   * a thread's local property, so concurrent fits in their own threads keep their own.
   */
  @Override
  public void describe(String context) {
    this.context.setLocalProperty(CONTEXT_PROPERTY, context);
  }

  private void label(String pass) {
    String described = context.getLocalProperty(CONTEXT_PROPERTY);
    context.setJobDescription("curvature " + (described == null ? "" : described + ": ") + pass);
  }

  /** A kernel that adds one block's contribution to a d-vector. */
  private interface VectorKernel extends java.io.Serializable {
    void add(double[] out, Block block);
  }

  /**
   * One pass summing a vector over all blocks, with compact partials where partitions are sparse: its first
   * numFeatures x outputs entries feature-major, the rest a tail every row touches; {@code outputs} 0 keeps partials
   * whole.
   */
  private double[] vectorPass(int dim, int outputs, VectorKernel kernel) {
    ArrayList<Broadcast<int[]>> cut = outputs == 0 ? null : supportsOnExecutors;
    int tail = dim - summary.numFeatures() * outputs;
    return runCompact((index, it) -> {
      double[] out = new double[dim];
      while (it.hasNext()) {
        kernel.add(out, it.next());
      }
      int[] support = support(cut, index);
      return Collections.singletonList(support == null ? out : Supports.gather(out, support, outputs, tail))
          .iterator();
    }, SparkBlockSums::add, (index, out) -> {
      if (cut == null || supports[index] == null) {
        return out;
      }
      double[] full = new double[dim];
      Supports.scatterAdd(out, supports[index], outputs, full);
      return full;
    }, (total, index, out) -> {
      if (cut == null || supports[index] == null) {
        return add(total, out);
      }
      Supports.scatterAdd(out, supports[index], outputs, total);
      return total;
    });
  }

  @Override
  public GramPartial gram(RowLoss loss, boolean intercept, double[] w, long key, GramSample sample) {
    Shipped point = point(key, w);
    int dim = w.length;
    label(sample.exact() ? "Hessian" : "sample Hessian");
    return run(it -> {
      GramPartial out = new GramPartial(dim);
      double[] wv = point.value();
      while (it.hasNext()) {
        BlockKernels.gram(it.next(), loss, wv, intercept, key, sample, out);
      }
      return Collections.singletonList(out).iterator();
    }, GramPartial::merge);
  }

  /**
   * The Gram kernels' rates measured on the executors (one task a partition, every core busy as in a pass, each
   * measuring what its executor's BLAS and JIT give), the slowest partition's: a pass waits for its slowest task. A
   * driver with OpenBLAS and executors without (or the reverse) would otherwise price exact Newton by the driver's.
   * A local master's executor is this JVM: measured here, without a job (the job cost the cold Fashion-MNIST auto
   * run 0.64 s, the two tasks measuring at once on two cores).
   */
  @Override
  public double[] gramFlopsPerCore(int dimension) {
    if (context.isLocal() && !ratesByJobWhenLocal) {
      return BlockSums.super.gramFlopsPerCore(dimension);
    }
    label("measure the Gram kernels' rates (auto)");
    return run(it -> Collections.singletonList(io.curvature.workers.Blas.gramRatesPerCore(dimension)).iterator(),
        (a, b) -> new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1])});
  }

  /**
   * A pass that does no arithmetic: broadcast a d-vector (whatever its size: the benchmark's mechanism rows compare
   * it with the closure), touch every cached partition, aggregate a d-vector back.
   */
  public void emptyPass(int dim) {
    Shipped b = new Shipped.ViaBroadcast(context.broadcast(new double[dim]));
    try {
      run(it -> {
        double[] out = new double[b.value().length];
        while (it.hasNext()) {
          out[0] += it.next().rows();
        }
        return Collections.singletonList(out).iterator();
      }, SparkBlockSums::add);
    } finally {
      b.destroy();
    }
  }

  /** A copy of {@code v} as tasks read it: in the closure up to {@code inClosureMax} entries, else as a large one. */
  private Shipped ship(double[] v) {
    return v.length <= inClosureMax ? new Shipped.InClosure(v.clone()) : shipLarge(v.clone());
  }

  /** Whether passes keep large vectors and partials in this JVM (see {@link #tasksInDriverJvm}). */
  public boolean inPlace() {
    return tasksInDriverJvm && !clusterPathsWhenLocal;
  }

  /** {@code v} itself (not copied) shared in place with the tasks when they run in this JVM, else broadcast. */
  private Shipped shipLarge(double[] v) {
    return inPlace() ? new Shipped.InThisJvm(JvmLocalVector.share(v)) : new Shipped.ViaBroadcast(context.broadcast(v));
  }

  /** Whether passes may run in resident tasks (see {@link #placement}). */
  public boolean resident() {
    return placement.allowed() && !clusterPathsWhenLocal;
  }

  /** Lets the passes that follow run in resident tasks where they can, or only as jobs (the benchmark's profile). */
  public void resident(boolean allowed) {
    placement.allow(allowed);
  }

  /** Passes run so far in resident tasks and as jobs (not counting the job that cached and counted the data). */
  public int[] passesByMechanism() {
    return placement.counts();
  }

  /** Where passes run (tests). */
  PassPlacement placement() {
    return placement;
  }

  /** Destroys the live broadcasts and shared vectors; the cached blocks stay (their owner unpersists them). */
  @Override
  public synchronized void close() {
    placement.close();
    points.values().forEach(Shipped::destroy);
    points.clear();
    if (supportsOnExecutors != null) {
      supportsOnExecutors.stream().filter(java.util.Objects::nonNull).forEach(Broadcast::destroy);
    }
  }

  /**
   * The point of evaluation {@code key} as the tasks read it, made on first use. Each owner (one objective, the upper
   * 32 bits of its keys) keeps its two newest alive, matching the curvature states the workers keep; older ones are
   * destroyed only by their own owner's newer points, so a concurrent fit never loses a broadcast its running pass
   * reads. Past {@link #LIVE_POINTS} in all, the oldest of finished fits go.
   */
  private synchronized Shipped point(long key, double[] w) {
    Shipped b = points.get(key);
    if (b != null) {
      return b;
    }
    b = ship(w);
    int owner = (int) (key >>> 32);
    long ownerPoints = points.keySet().stream().filter(k -> (int) (k >>> 32) == owner).count();
    Iterator<Map.Entry<Long, Shipped>> oldest = points.entrySet().iterator();
    while (oldest.hasNext() && (ownerPoints >= PER_OWNER || points.size() >= LIVE_POINTS)) {
      Map.Entry<Long, Shipped> e = oldest.next();
      boolean own = (int) (e.getKey() >>> 32) == owner;
      if (own || points.size() >= LIVE_POINTS) {
        e.getValue().destroy();
        oldest.remove();
        ownerPoints -= own ? 1 : 0;
      }
    }
    points.put(key, b);
    return b;
  }

  /**
   * One pass: partials per partition (given its index), merged on the driver in partition order, the first expanded
   * to full size, the others added into it as they came ({@code expandInto}, null: expanded, then merged).
   */
  private <T extends java.io.Serializable> T runCompact(
      Function2<Integer, Iterator<Block>, Iterator<T>> perPartition, Function2<T, T, T> merge,
      Function2<Integer, T, T> expand, Function3<T, Integer, T, T> expandInto) {
    Function2<Integer, Iterator<Block>, Iterator<T>> task =
        TaskFailureHooks.wrap(failFirstAttempts, ++compactPasses, perPartition);
    try {
      // The job that caches and counts the data runs before there is a placement: it is always a job.
      Object[] partials = placement == null || clusterPathsWhenLocal ? null : placement.run(task);
      if (partials != null) {
        @SuppressWarnings("unchecked")
        T total = OrderedTreeAggregate.mergeInPartitionOrder(partials.length, i -> (T) partials[i], merge, expand,
            expandInto);
        return total;
      }
      ResidentPasses.stopCurrent();                  // a job needs the slots: resident tasks, this fit's or another's
      return OrderedTreeAggregate.aggregate(blocks, task, merge, expand, expandInto, depth, inPlace());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("a pass over the training data failed: " + e.getMessage(), e);
    }
  }

  /** One pass whose partials need no expanding. */
  private <T extends java.io.Serializable> T run(FlatMapFunction<Iterator<Block>, T> perPartition,
      Function2<T, T, T> merge) {
    return runCompact((index, it) -> perPartition.call(it), merge, (index, partial) -> partial, null);
  }

  private static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
