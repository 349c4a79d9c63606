package io.curvature.driver.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.Function3;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Tree aggregation whose merge order is fixed by partition index, so equal inputs give equal bits however tasks are
 * scheduled. Spark's own {@code treeAggregate} merges in task completion order (its {@code foldByKey} levels and its
 * final {@code reduce} on the driver), which makes floating-point sums vary from run to run.
 *
 * <p>Depth 1: each partition's partial comes to the driver (one job straight over the data, results in partition
 * order) and is merged there in index order. Depth k > 1: k - 1 shuffle levels first merge runs of consecutive
 * partitions, each run sorted by index, on the executors.
 *
 * <p>Partials travel as bytes ({@link PartialBytes}), whatever {@code spark.serializer} says: Spark writes task
 * results and shuffled values with that serializer, and Kryo, which clusters often configure, cannot write records
 * (it failed every pass on the data's summary); a byte array every serializer writes as it is. On a local master,
 * whose tasks run in the driver's JVM, depth 1 hands the partials over in place instead ({@link JvmLocalPartials}).
 */
public final class OrderedTreeAggregate {
  private OrderedTreeAggregate() {}

  /** Partials per partition up to which depth 1 is used: a shuffle level costs more than merging this many. */
  public static final int DIRECT_MERGE_LIMIT = 32;

  /** The depth chosen from the partition count: 1 up to {@link #DIRECT_MERGE_LIMIT} partitions, else 2. */
  public static int depthFor(int partitions) {
    return partitions <= DIRECT_MERGE_LIMIT ? 1 : 2;
  }

  /**
   * Runs {@code perPartition} (which must emit exactly one partial per partition) and merges the partials in
   * partition-index order with {@code merge} (which may modify and return its first argument).
   */
  public static <B, T extends Serializable> T aggregate(JavaRDD<B> data, FlatMapFunction<Iterator<B>, T> perPartition,
      Function2<T, T, T> merge, int depth) throws Exception {
    return aggregate(data, (index, it) -> perPartition.call(it), merge, (index, partial) -> partial, depth);
  }

  /**
   * As above, with the partition index given to {@code perPartition}, and {@code expand} applied on the driver to
   * each partition's partial before it is merged (depth 1 only: deeper trees merge on the executors, so their
   * partials must arrive in merge-ready form).
   */
  public static <B, T extends Serializable> T aggregate(JavaRDD<B> data,
      Function2<Integer, Iterator<B>, Iterator<T>> perPartition, Function2<T, T, T> merge,
      Function2<Integer, T, T> expand, int depth) throws Exception {
    return aggregate(data, perPartition, merge, expand, null, depth);
  }

  /**
   * As above, with {@code expandInto(total, index, partial)} adding a partition's partial, not yet expanded, into the
   * running total (which it may modify and return): the same sum as {@code merge(total, expand(index, partial))}
   * without a full-size copy of every partial. Null: that composition.
   */
  public static <B, T extends Serializable> T aggregate(JavaRDD<B> data,
      Function2<Integer, Iterator<B>, Iterator<T>> perPartition, Function2<T, T, T> merge,
      Function2<Integer, T, T> expand, Function3<T, Integer, T, T> expandInto, int depth) throws Exception {
    return aggregate(data, perPartition, merge, expand, expandInto, depth, data.context().isLocal());
  }

  /**
   * As above; {@code inPlace}: at depth 1, tasks that run in this JVM hand their partials over in place
   * ({@link JvmLocalPartials}) instead of as bytes. The default is to do so on a local master.
   */
  public static <B, T extends Serializable> T aggregate(JavaRDD<B> data,
      Function2<Integer, Iterator<B>, Iterator<T>> perPartition, Function2<T, T, T> merge,
      Function2<Integer, T, T> expand, Function3<T, Integer, T, T> expandInto, int depth, boolean inPlace)
      throws Exception {
    int partitions = data.getNumPartitions();
    if (depth <= 1) {
      return direct(data, perPartition, merge, expand, expandInto, inPlace);
    }
    JavaPairRDD<Integer, byte[]> indexed = data.mapPartitionsWithIndex((index, it) -> {
      List<Tuple2<Integer, byte[]>> out = new ArrayList<>(1);
      Iterator<T> partial = perPartition.call(index, it);
      while (partial.hasNext()) {
        out.add(new Tuple2<>(index, PartialBytes.write(partial.next())));
      }
      return out.iterator();
    }, true).mapToPair(t -> t);
    int groups = partitions;
    for (int level = 1; level < depth && groups > 2; level++) {
      int fanIn = Math.max(2, (int) Math.ceil(Math.pow(groups, 1.0 / (depth - level + 1))));
      int nextGroups = (groups + fanIn - 1) / fanIn;
      indexed = indexed
          .mapToPair(t -> new Tuple2<>(t._1() / fanIn, t))
          .groupByKey(new HashPartitioner(nextGroups))
          .mapToPair(group -> new Tuple2<>(group._1(), PartialBytes.write(mergeInOrder(group._2(), merge))));
      groups = nextGroups;
    }
    List<Tuple2<Integer, byte[]>> collected = new ArrayList<>(indexed.collect());
    if (collected.isEmpty()) {
      throw new IllegalStateException("no partials were produced by " + partitions + " partitions");
    }
    return mergeInOrder(collected, merge);
  }

  /**
   * Depth 1 as one job straight over {@code data}: {@code SparkContext.runJob} returns the partials in partition
   * order. Going through JavaRDD (mapPartitionsWithIndex, mapToPair, collect) costs three closure cleanings a pass,
   * and Spark's cleaner parses the bytecode of the class that declared each Scala lambda (JavaRDDLike, RDD,
   * SparkContext) with ASM every time, on the driver, between passes; a named function class is not a closure to
   * it and is shipped as it is.
   */
  @SuppressWarnings("unchecked")
  private static <B, T extends Serializable> T direct(JavaRDD<B> data,
      Function2<Integer, Iterator<B>, Iterator<T>> perPartition, Function2<T, T, T> merge,
      Function2<Integer, T, T> expand, Function3<T, Integer, T, T> expandInto, boolean inPlace) throws Exception {
    long pass = inPlace ? JvmLocalPartials.open(data.getNumPartitions()) : 0;
    try {
      Object[] partials = (Object[]) data.context().runJob(data.rdd(), new PartitionTask<>(perPartition, pass),
          ClassTag$.MODULE$.apply(byte[].class));
      if (partials.length == 0) {
        throw new IllegalStateException("no partials were produced: the data has no partitions");
      }
      return mergeInPartitionOrder(partials.length, i -> {
        T partial = partial(pass, i, (byte[]) partials[i]);
        partials[i] = null;                          // its bytes can go as soon as it is read
        return partial;
      }, merge, expand, expandInto);
    } finally {
      if (pass != 0) {
        JvmLocalPartials.close(pass);
      }
    }
  }

  /** The one partial partition {@code index}'s function emitted, or why there is not exactly one. */
  static <T> T onePartial(int index, Iterator<T> out) {
    if (!out.hasNext()) {
      throw new IllegalStateException("partition " + index + " produced no partial");
    }
    T partial = out.next();
    if (out.hasNext()) {
      throw new IllegalStateException("partition " + index + " produced more than one partial");
    }
    return partial;
  }

  /** A partition's partial, read when the merge comes to it. */
  interface PartialSource<T> {
    T partial(int index) throws Exception;
  }

  /**
   * Merges {@code count} partials on the driver in partition order: the first expanded, each next added into the
   * running total with {@code expandInto} (null: expanded, then merged). Every depth-1 pass merges this way, however
   * its partials came back, so they give the same bits.
   */
  static <T> T mergeInPartitionOrder(int count, PartialSource<T> partials, Function2<T, T, T> merge,
      Function2<Integer, T, T> expand, Function3<T, Integer, T, T> expandInto) throws Exception {
    T total = expand.call(0, partials.partial(0));
    for (int i = 1; i < count; i++) {
      T partial = partials.partial(i);
      total = expandInto != null ? expandInto.call(total, i, partial) : merge.call(total, expand.call(i, partial));
    }
    return total;
  }

  /** Partition {@code index}'s partial: its bytes, or, when it sent none, what it left in place. */
  @SuppressWarnings("unchecked")
  private static <T> T partial(long pass, int index, byte[] bytes) {
    return bytes.length == 0 ? (T) JvmLocalPartials.take(pass, index) : PartialBytes.read(bytes);
  }

  /**
   * One partition's partial, as the task of a {@link #direct} job computes it, in bytes; or, in pass {@code pass}
   * (not 0) open in the task's JVM, left there in place, with no bytes returned.
   */
  private static final class PartitionTask<B, T>
      extends AbstractFunction2<TaskContext, scala.collection.Iterator<B>, byte[]> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] IN_PLACE = new byte[0];
    private final Function2<Integer, Iterator<B>, Iterator<T>> perPartition;
    private final long pass;

    PartitionTask(Function2<Integer, Iterator<B>, Iterator<T>> perPartition, long pass) {
      this.perPartition = perPartition;
      this.pass = pass;
    }

    @Override
    public byte[] apply(TaskContext task, scala.collection.Iterator<B> rows) {
      Iterator<T> out;
      try {
        out = perPartition.call(task.partitionId(), CollectionConverters.asJava(rows));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("partition " + task.partitionId() + ": " + e.getMessage(), e);
      }
      T partial = onePartial(task.partitionId(), out);
      return pass != 0 && JvmLocalPartials.put(pass, task.partitionId(), partial) ? IN_PLACE
          : PartialBytes.write(partial);
    }
  }

  private static <T> T mergeInOrder(Iterable<Tuple2<Integer, byte[]>> partials, Function2<T, T, T> merge)
      throws Exception {
    List<Tuple2<Integer, byte[]>> sorted = new ArrayList<>();
    partials.forEach(sorted::add);
    sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
    T total = PartialBytes.read(sorted.get(0)._2());
    for (int i = 1; i < sorted.size(); i++) {
      total = merge.call(total, PartialBytes.<T>read(sorted.get(i)._2()));
    }
    return total;
  }
}
