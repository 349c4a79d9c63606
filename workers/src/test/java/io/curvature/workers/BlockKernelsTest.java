package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockKernelsTest {
  private static double[] direct(Block block, double[] w, double[] v) {
    double[] c = new double[block.rows()];
    block.valueGradient(w, false, new double[w.length], c);
    double[] out = new double[w.length];
    block.hessianVector(c, v, false, out);
    return out;
  }

  @Test
  void hessianUsesTheCurvatureOfItsOwnEvaluationEvenAfterNewerPasses() {
    Block block = RandomProblems.matrix(1, 50, 12, 0.5, 1.0, false, false).csr();
    double[] w1 = RandomProblems.gaussian(1, 12, 0.5);
    double[] w2 = RandomProblems.gaussian(2, 12, 0.5);
    double[] w3 = RandomProblems.gaussian(3, 12, 0.5);
    double[] v = RandomProblems.gaussian(4, 12, 1.0);
    BlockKernels.valueGradient(block, w1, false, 1, new LossPartial(12));
    BlockKernels.valueGradient(block, w2, false, 2, new LossPartial(12));
    double[] out = new double[12];
    BlockKernels.hessianVector(block, w1, false, 1, v, out);       // older slot still cached
    assertArrayEquals(direct(block, w1, v), out, 1e-13);
    BlockKernels.valueGradient(block, w3, false, 3, new LossPartial(12));
    out = new double[12];
    BlockKernels.hessianVector(block, w1, false, 1, v, out);       // evicted: rebuilt from margins at w1
    assertArrayEquals(direct(block, w1, v), out, 1e-13);
    out = new double[12];
    BlockKernels.hessianVector(block, w3, false, 3, v, out);
    assertArrayEquals(direct(block, w3, v), out, 1e-13);
  }

  @Test
  void partialsAccumulateAcrossBlocksAndMerge() {
    RandomProblems.Matrix m = RandomProblems.matrix(9, 100, 10, 0.6, 1.0, true, false);
    double[] w = RandomProblems.gaussian(1, 10, 0.5);
    LossPartial whole = new LossPartial(10);
    BlockKernels.valueGradient(m.csr(), w, false, 7, whole);
    LossPartial left = new LossPartial(10);
    LossPartial right = new LossPartial(10);
    BlockKernels.valueGradient(m.csr(0, 40), w, false, 7, left);
    BlockKernels.valueGradient(m.csr(40, 100), w, false, 7, right);
    left.merge(right);
    assertEquals(whole.loss(), left.loss(), 1e-12);
    assertEquals(whole.weightSum(), left.weightSum(), 1e-12);
    assertEquals(100, left.rows());
    assertArrayEquals(whole.gradient(), left.gradient(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> left.merge(new LossPartial(3)));
  }

  @Test
  void malformedBlocksAreRejectedWithTheRowAndReason() {
    CsrBlock.Builder builder = new CsrBlock.Builder();
    builder.addRow(1, 1, new int[] {3, 1}, new double[] {1, 2}, 2);
    IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class, () -> builder.build(5));
    assertTrue(unsorted.getMessage().contains("row 0"), unsorted.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new DenseBlock(new double[] {1, 0.5}, null, new double[] {1, 2}, 1));  // label 0.5
    assertThrows(IllegalArgumentException.class,
        () -> new DenseBlock(new double[] {1}, null, new double[] {Double.NaN}, 1));
    Block small = RandomProblems.matrix(1, 5, 6, 1.0, 1.0, false, false).dense();
    IllegalArgumentException shortW = assertThrows(IllegalArgumentException.class,
        () -> small.valueGradient(new double[4], false, new double[4], new double[5]));
    assertTrue(shortW.getMessage().contains("expected at least 6"), shortW.getMessage());
  }

  @Test
  void gramIsExactAtStrideOneAndAnUnbiasedCurvatureSampleAbove() {
    RandomProblems.Matrix m = RandomProblems.matrix(17, 4000, 9, 0.5, 1.0, true, false);
    Block block = m.csr();
    int dim = 10;                                  // 9 features + intercept
    double[] w = RandomProblems.gaussian(3, dim, 0.8);
    double[] naive = new double[dim * dim];
    double[] x = new double[dim];
    double[] margin = new double[m.rows()];
    block.margins(w, true, margin);
    for (int i = 0; i < m.rows(); i++) {
      double c = m.weights()[i] * LogisticLoss.curvature(margin[i], m.labels()[i]);
      System.arraycopy(m.data(), i * 9, x, 0, 9);
      x[9] = 1;
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b <= a; b++) {
          naive[a * dim + b] += c * x[a] * x[b];
        }
      }
    }
    LossPartial fused = new LossPartial(dim, true, 1);
    BlockKernels.valueGradient(block, w, true, 11, fused);
    assertArrayEquals(naive, fused.gram().lower(), 1e-10);
    assertEquals(block.weightSum(), fused.gram().weightSum(), 1e-12);

    LossPartial sampled = new LossPartial(dim, false, 8);
    BlockKernels.valueGradient(block, w, true, 12, sampled);
    GramPartial onDemand = new GramPartial(dim);
    BlockKernels.gram(block, w, true, 12, 8, onDemand);
    assertArrayEquals(sampled.gram().lower(), onDemand.lower(), 0.0);   // the same draw every time
    assertEquals(block.weightSum(), sampled.gram().weightSum(), 1e-12);  // it estimates the whole block's sum
    double error = 0;
    double size = 0;
    for (int k = 0; k < naive.length; k++) {
      error += Math.pow(sampled.gram().lower()[k] - naive[k], 2);
      size += naive[k] * naive[k];
    }
    assertTrue(Math.sqrt(error / size) < 0.15, "an eighth of the rows estimate the Gram matrix to "
        + Math.sqrt(error / size));
    assertTrue(BlockKernels.blasImplementation().endsWith("BLAS"), BlockKernels.blasImplementation());
  }

  @Test
  void float32ValuesComputeExactlyWhatTheRoundedFloat64ValuesDo() {
    RandomProblems.Matrix m = RandomProblems.matrix(23, 200, 30, 0.3, 1.0, false, false);
    double[] rounded = m.data().clone();
    for (int k = 0; k < rounded.length; k++) {
      rounded[k] = (float) rounded[k];
    }
    CsrBlock f64 = m.csr();
    CsrBlock f32 = f64.toFloat32();
    CsrBlock reference = new RandomProblems.Matrix(m.rows(), m.cols(), rounded, m.labels(), null).csr();
    assertTrue(f32.isFloat32() && !f64.isFloat32());
    long perRow = 4L * (m.rows() + 1) + 8L * m.rows();          // row starts and labels
    assertEquals(8 * f32.storedValues() + perRow, f32.sizeInBytes());
    assertEquals(12 * f64.storedValues() + perRow, f64.sizeInBytes());
    double[] w = RandomProblems.gaussian(2, 31, 0.3);
    double[] v = RandomProblems.gaussian(3, 31, 1.0);
    double[][] results = new double[3][];
    double[] values = new double[3];
    CsrBlock[] blocks = {f32, reference, f64};
    for (int b = 0; b < 3; b++) {
      double[] g = new double[31];
      double[] c = new double[m.rows()];
      double[] d = new double[31];
      values[b] = blocks[b].valueGradient(w, true, g, c, d);
      double[] hv = new double[31];
      blocks[b].hessianVector(c, v, true, hv);
      double[] gram = new double[31 * 31];
      blocks[b].gram(c, true, 1, gram);
      double[] all = new double[31 * 3 + gram.length];
      System.arraycopy(g, 0, all, 0, 31);
      System.arraycopy(d, 0, all, 31, 31);
      System.arraycopy(hv, 0, all, 62, 31);
      System.arraycopy(gram, 0, all, 93, gram.length);
      results[b] = all;
    }
    assertEquals(values[1], values[0], 0.0);
    assertArrayEquals(results[1], results[0], 0.0);
    // and float32 rounding moves the results by about float32's precision, not more
    assertEquals(values[2], values[0], 1e-6 * Math.abs(values[2]));
    for (int k = 0; k < results[2].length; k++) {
      assertEquals(results[2][k], results[0][k], 1e-5 * Math.max(1, Math.abs(results[2][k])));
    }
  }
}
