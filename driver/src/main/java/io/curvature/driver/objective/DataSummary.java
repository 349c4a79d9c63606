package io.curvature.driver.objective;

import java.io.Serializable;

/** Sizes and labels of the training data, gathered once when it is loaded. */
public record DataSummary(long rows, double weightSum, int numFeatures, long nonzeros, long cachedBytes, int blocks,
    LabelSummary labels) implements Serializable {
  public DataSummary {
    if (rows <= 0) {
      throw new IllegalArgumentException("the training data has no rows");
    }
    if (!(weightSum > 0)) {
      throw new IllegalArgumentException("the training rows' weights sum to " + weightSum + ", expected > 0");
    }
  }

  /** Cached bytes per stored value. */
  public double bytesPerNonzero() {
    return nonzeros == 0 ? 0 : (double) cachedBytes / nonzeros;
  }

  /** The same data seen as {@code width} features wide (a declared dimension above the largest index). */
  public DataSummary withNumFeatures(int width) {
    return new DataSummary(rows, weightSum, width, nonzeros, cachedBytes, blocks, labels);
  }

  /** The summary of one block. */
  public static DataSummary of(io.curvature.workers.Block b) {
    return new DataSummary(b.rows(), b.weightSum(), b.numFeatures(), b.storedValues(), b.sizeInBytes(), 1,
        LabelSummary.of(b));
  }

  /** Adds the sizes of two disjoint parts of the data. */
  public static DataSummary combine(DataSummary a, DataSummary b) {
    return new DataSummary(a.rows + b.rows, a.weightSum + b.weightSum, Math.max(a.numFeatures, b.numFeatures),
        a.nonzeros + b.nonzeros, a.cachedBytes + b.cachedBytes, a.blocks + b.blocks,
        LabelSummary.combine(a.labels, b.labels));
  }
}
