package io.curvature.driver.spark;

import io.curvature.driver.objective.DataSummary;
import io.curvature.workers.Block;
import io.curvature.workers.Supports;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job that caches the blocks learns on its way through them, so that no second job reads them again: the
 * data's summary (null for no rows) and, by partition, the columns its rows touch as the words of a bit set (none for a
 * partition holding a dense block, whose partials stay dense). A second job over the cached blocks cost a cold job
 * about 0.3 s, most of it Spark's first collect.
 */
record BlockCount(DataSummary summary, TreeMap<Integer, long[]> columns, boolean sawDriversVector)
    implements Serializable {
  /**
   * Partition {@code index}'s count of {@code blocks}; their columns too with {@code learnColumns}; whether the task
   * could read the driver's {@code probe} in place (null: no probe, false).
   */
  static BlockCount of(int index, Iterator<Block> blocks, boolean learnColumns, JvmLocalVector probe) {
    DataSummary s = null;
    BitSet touched = learnColumns ? new BitSet() : null;
    while (blocks.hasNext()) {
      Block block = blocks.next();
      DataSummary one = DataSummary.of(block);
      s = s == null ? one : DataSummary.combine(s, one);
      if (touched != null && !Supports.mark(block, touched)) {
        touched = null;                              // a dense block: the partition's partials stay dense
      }
    }
    TreeMap<Integer, long[]> columns = new TreeMap<>();
    if (touched != null) {
      columns.put(index, touched.toLongArray());
    }
    return new BlockCount(s, columns, probe != null && probe.isHere());
  }

  /** Both counts in one (this one's map takes the other's partitions; the probe seen only if both saw it). */
  BlockCount merge(BlockCount other) {
    columns.putAll(other.columns);
    DataSummary s = summary == null ? other.summary
        : other.summary == null ? summary : DataSummary.combine(summary, other.summary);
    return new BlockCount(s, columns, sawDriversVector && other.sawDriversVector);
  }

  /** Every partition's support ({@link Supports#of(BitSet, int)}), or null when no partition is sparse enough. */
  int[][] supports(int partitions, int numFeatures) {
    int[][] out = new int[partitions][];
    boolean any = false;
    for (Map.Entry<Integer, long[]> e : columns.entrySet()) {
      out[e.getKey()] = Supports.of(BitSet.valueOf(e.getValue()), numFeatures);
      any |= out[e.getKey()] != null;
    }
    return any ? out : null;
  }
}
