package io.curvature.driver.objective;

import io.curvature.workers.Block;
import io.curvature.workers.BlockKernels;
import io.curvature.workers.GramPartial;
import io.curvature.workers.LossPartial;
import java.util.List;

/** {@link BlockSums} over blocks held in this JVM, summed in list order. The reference for the Spark backend. */
public final class LocalBlockSums implements BlockSums {
  private final List<Block> blocks;
  private final DataSummary summary;

  public LocalBlockSums(List<? extends Block> blocks) {
    this.blocks = List.copyOf(blocks);
    DataSummary total = null;
    for (Block b : this.blocks) {
      DataSummary s = new DataSummary(b.rows(), b.weightSum(), b.numFeatures(), b.storedValues(), b.sizeInBytes(), 1);
      total = total == null ? s : DataSummary.combine(total, s);
    }
    if (total == null) {
      throw new IllegalArgumentException("no blocks of training data");
    }
    this.summary = total;
  }

  @Override
  public DataSummary summary() {
    return summary;
  }

  @Override
  public LossPartial valueGradient(double[] w, boolean intercept, long key, boolean diagonal, int gramStride) {
    LossPartial total = new LossPartial(w.length, diagonal, gramStride);
    for (Block b : blocks) {
      BlockKernels.valueGradient(b, w, intercept, key, total);
    }
    return total;
  }

  @Override
  public double[] hessianVector(double[] w, boolean intercept, long key, double[] v) {
    double[] out = new double[w.length];
    for (Block b : blocks) {
      BlockKernels.hessianVector(b, w, intercept, key, v, out);
    }
    return out;
  }

  @Override
  public double[] hessianDiagonal(double[] w, boolean intercept, long key) {
    double[] out = new double[w.length];
    for (Block b : blocks) {
      BlockKernels.hessianDiagonal(b, w, intercept, key, out);
    }
    return out;
  }

  @Override
  public GramPartial gram(double[] w, boolean intercept, long key, int stride) {
    GramPartial out = new GramPartial(w.length);
    for (Block b : blocks) {
      BlockKernels.gram(b, w, intercept, key, stride, out);
    }
    return out;
  }
}
