package io.curvature.driver.objective;

import io.curvature.workers.Block;
import io.curvature.workers.BlockKernels;
import io.curvature.workers.GramPartial;
import io.curvature.workers.GramSample;
import io.curvature.workers.LossPartial;
import io.curvature.workers.RowLoss;
import java.util.List;

/** {@link BlockSums} over blocks held in this JVM, summed in list order. The reference for the Spark backend. */
public final class LocalBlockSums implements BlockSums {
  private final List<Block> blocks;
  private final DataSummary summary;

  public LocalBlockSums(List<? extends Block> blocks) {
    this.blocks = List.copyOf(blocks);
    DataSummary total = null;
    for (Block b : this.blocks) {
      DataSummary s = DataSummary.of(b);
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
  public LossPartial valueGradient(RowLoss loss, boolean intercept, double[] w, long key, boolean diagonal,
      GramSample gram) {
    LossPartial total = new LossPartial(w.length, diagonal, gram);
    for (Block b : blocks) {
      BlockKernels.valueGradient(b, loss, w, intercept, key, total);
    }
    return total;
  }

  @Override
  public double[] hessianVector(RowLoss loss, boolean intercept, double[] w, long key, double[] v) {
    double[] out = new double[w.length];
    for (Block b : blocks) {
      BlockKernels.hessianVector(b, loss, w, intercept, key, v, out);
    }
    return out;
  }

  @Override
  public double[] hessianVectorSampled(RowLoss loss, boolean intercept, double[] w, long key, double[] v, int stride,
      int offset) {
    double[] out = new double[w.length + 1];
    for (Block b : blocks) {
      out[w.length] += BlockKernels.hessianVector(b, loss, w, intercept, key, v, out, stride, offset);
    }
    return out;
  }

  @Override
  public double[] hessianDiagonal(RowLoss loss, boolean intercept, double[] w, long key) {
    double[] out = new double[w.length];
    for (Block b : blocks) {
      BlockKernels.hessianDiagonal(b, loss, w, intercept, key, out);
    }
    return out;
  }

  @Override
  public GramPartial gram(RowLoss loss, boolean intercept, double[] w, long key, GramSample sample) {
    GramPartial out = new GramPartial(w.length);
    for (Block b : blocks) {
      BlockKernels.gram(b, loss, w, intercept, key, sample, out);
    }
    return out;
  }

  /** Each block's partial from zeros, merged in list order as Spark's ordered aggregation merges partitions. */
  @Override
  public double[] sum(String pass, long key, double[] point, double[] vector, int length, int outputs,
      BlockPass kernel) {
    double[] total = null;
    for (Block b : blocks) {
      double[] partial = new double[length];
      kernel.add(b, point, vector, partial);
      if (total == null) {
        total = partial;
      } else {
        for (int k = 0; k < length; k++) {
          total[k] += partial[k];
        }
      }
    }
    return total;
  }

  @Override
  public FeatureMoments featureMoments() {
    FeatureMoments m = FeatureMoments.zero(summary.numFeatures());
    for (Block b : blocks) {
      m = m.add(b);
    }
    return m;
  }
}
