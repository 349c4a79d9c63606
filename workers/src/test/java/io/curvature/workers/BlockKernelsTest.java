package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockKernelsTest {
  private static final RowLoss LOGISTIC = LogisticLoss.INSTANCE;

  private static double[] direct(RowLoss loss, Block block, double[] w, double[] v) {
    double[] c = new double[block.curvatureLength(loss)];
    block.valueGradient(loss, w, false, new double[w.length], c, null);
    double[] out = new double[w.length];
    block.hessianVector(loss, c, v, false, out);
    return out;
  }

  /** An evaluation key of owner {@code owner}, its {@code n}-th evaluation. */
  static long key(int owner, int n) {
    return ((long) owner << 32) | n;
  }

  @Test
  void hessianUsesTheCurvatureOfItsOwnEvaluationEvenAfterNewerPasses() {
    Block block = RandomProblems.matrix(1, 50, 12, 0.5, 1.0, false, false).csr();
    double[] w1 = RandomProblems.gaussian(1, 12, 0.5);
    double[] w2 = RandomProblems.gaussian(2, 12, 0.5);
    double[] w3 = RandomProblems.gaussian(3, 12, 0.5);
    double[] v = RandomProblems.gaussian(4, 12, 1.0);
    BlockKernels.valueGradient(block, LOGISTIC, w1, false, key(1, 1), new LossPartial(12));
    BlockKernels.valueGradient(block, LOGISTIC, w2, false, key(1, 2), new LossPartial(12));
    double[] out = new double[12];
    BlockKernels.hessianVector(block, LOGISTIC, w1, false, key(1, 1), v, out);   // older slot still cached
    assertArrayEquals(direct(LOGISTIC, block, w1, v), out, 1e-13);
    BlockKernels.valueGradient(block, LOGISTIC, w3, false, key(1, 3), new LossPartial(12));
    assertEquals(2, block.curvatureCache().stored(), "one owner keeps its two newest states");
    out = new double[12];
    BlockKernels.hessianVector(block, LOGISTIC, w1, false, key(1, 1), v, out);   // evicted: rebuilt from margins
    assertArrayEquals(direct(LOGISTIC, block, w1, v), out, 1e-13);
    out = new double[12];
    BlockKernels.hessianVector(block, LOGISTIC, w3, false, key(1, 3), v, out);
    assertArrayEquals(direct(LOGISTIC, block, w3, v), out, 1e-13);
  }

  @Test
  void twoOwnersKeepTheirStatesSideBySide() {
    Block block = RandomProblems.matrix(2, 40, 8, 0.5, 1.0, false, false).csr();
    double[][] points = new double[4][];
    for (int t = 0; t < 4; t++) {
      points[t] = RandomProblems.gaussian(10 + t, 8, 0.5);
    }
    BlockKernels.valueGradient(block, LOGISTIC, points[0], false, key(1, 1), new LossPartial(8));
    BlockKernels.valueGradient(block, LOGISTIC, points[1], false, key(2, 1), new LossPartial(8));
    BlockKernels.valueGradient(block, LOGISTIC, points[2], false, key(1, 2), new LossPartial(8));
    BlockKernels.valueGradient(block, LOGISTIC, points[3], false, key(2, 2), new LossPartial(8));
    assertEquals(4, block.curvatureCache().stored());
    CurvatureCache cache = block.curvatureCache();
    for (long k : new long[] {key(1, 1), key(1, 2), key(2, 1), key(2, 2)}) {
      CurvatureCache.Lease lease = cache.acquire(k);
      assertTrue(lease != null, "state " + Long.toHexString(k) + " kept");
      cache.release(lease);
    }
  }

  @Test
  void aPinnedStateIsNeverHandedOutForWriting() {
    CurvatureCache cache = new CurvatureCache();
    CurvatureCache.Lease[] held = new CurvatureCache.Lease[CurvatureCache.CAPACITY];
    for (int s = 0; s < held.length; s++) {
      held[s] = cache.claim(key(s, 1), 3);
      cache.publish(held[s], key(s, 1));
    }
    CurvatureCache.Lease extra = cache.claim(key(9, 1), 3);
    assertEquals(-1, extra.slot(), "every slot is pinned: a private buffer");
    for (CurvatureCache.Lease l : held) {
      assertTrue(l.buffer() != extra.buffer());
    }
    cache.release(held[2]);
    CurvatureCache.Lease reused = cache.claim(key(9, 2), 3);
    assertEquals(held[2].slot(), reused.slot(), "the one released slot is the one reused");
  }

  @Test
  void partialsAccumulateAcrossBlocksAndMerge() {
    RandomProblems.Matrix m = RandomProblems.matrix(9, 100, 10, 0.6, 1.0, true, false);
    double[] w = RandomProblems.gaussian(1, 10, 0.5);
    LossPartial whole = new LossPartial(10);
    BlockKernels.valueGradient(m.csr(), LOGISTIC, w, false, 7, whole);
    LossPartial left = new LossPartial(10);
    LossPartial right = new LossPartial(10);
    BlockKernels.valueGradient(m.csr(0, 40), LOGISTIC, w, false, 7, left);
    BlockKernels.valueGradient(m.csr(40, 100), LOGISTIC, w, false, 7, right);
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
        () -> new DenseBlock(new double[] {1, Double.NaN}, null, new double[] {1, 2}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new DenseBlock(new double[] {1}, null, new double[] {Double.NaN}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new DenseBlock(new double[] {1}, new double[] {-1}, new double[] {1}, 1));
    Block small = RandomProblems.matrix(1, 5, 6, 1.0, 1.0, false, false).dense();
    IllegalArgumentException shortW = assertThrows(IllegalArgumentException.class,
        () -> small.valueGradient(LOGISTIC, new double[4], false, new double[4], new double[5], null));
    assertTrue(shortW.getMessage().contains("expected at least 6"), shortW.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> small.valueGradient(new SoftmaxLoss(3), new double[19], false, new double[19], new double[15], null));
    assertTrue(ragged.getMessage().contains("3 outputs"), ragged.getMessage());
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
    block.margins(w, 1, true, margin);
    for (int i = 0; i < m.rows(); i++) {
      double c = m.weights()[i] * LogisticLoss.INSTANCE.curvature(margin[i], m.labels()[i]);
      System.arraycopy(m.data(), i * 9, x, 0, 9);
      x[9] = 1;
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b <= a; b++) {
          naive[a * dim + b] += c * x[a] * x[b];
        }
      }
    }
    LossPartial fused = new LossPartial(dim, true, 1);
    BlockKernels.valueGradient(block, LOGISTIC, w, true, 11, fused);
    assertArrayEquals(naive, fused.gram().lower(), 1e-10);
    assertEquals(block.weightSum(), fused.gram().weightSum(), 1e-12);

    LossPartial sampled = new LossPartial(dim, false, 8);
    BlockKernels.valueGradient(block, LOGISTIC, w, true, 12, sampled);
    GramPartial onDemand = new GramPartial(dim);
    BlockKernels.gram(block, LOGISTIC, w, true, 12, 8, onDemand);
    assertArrayEquals(sampled.gram().lower(), onDemand.lower(), 0.0);   // the same draw every time
    assertEquals(block.weightSum(), sampled.gram().weightSum(), 1e-12);  // it estimates the whole block's sum
    assertTrue(relativeError(sampled.gram().lower(), naive) < 0.15, "an eighth of the rows estimate the sum to "
        + relativeError(sampled.gram().lower(), naive));
    // The BLAS the reports name is one of the three netlib picks from (native, Vector API, Java).
    assertTrue(Set.of("JNIBLAS", "VectorBLAS", "JavaBLAS").contains(BlockKernels.blasImplementation()),
        BlockKernels.blasImplementation());
  }

  @Test
  void softmaxGramSampleEstimatesTheExactSum() {
    SoftmaxLoss loss = new SoftmaxLoss(3);
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(5, 3000, 6, 0.6, 1.0, true, false), loss, 2);
    Block block = m.csr();
    int dim = 7 * 3;
    double[] w = RandomProblems.gaussian(4, dim, 0.4);
    double[] c = new double[block.curvatureLength(loss)];
    block.valueGradient(loss, w, true, new double[dim], c, null);
    double[] exact = new double[dim * dim];
    block.gram(loss, c, true, 1, exact);
    double[] sample = new double[dim * dim];
    block.gram(loss, c, true, 6, sample);
    assertTrue(relativeError(sample, exact) < 0.15, "a sixth of the rows estimate the sum to "
        + relativeError(sample, exact));
  }

  @Test
  void aSampleInFeatureUnitsDrawsTheRowsOfTheRescaledData() {
    RandomProblems.Matrix m = RandomProblems.matrix(15, 3000, 6, 0.6, 1.0, true, false);
    double[] sigma = {0.1, 1.0, 3.0, 0.5, 2.0, 7.0};
    double[] scaled = m.data().clone();
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        scaled[i * m.cols() + j] /= sigma[j];
      }
    }
    Block block = m.csr();
    Block rescaled = new RandomProblems.Matrix(m.rows(), m.cols(), scaled, m.labels(), m.weights()).csr();
    int dim = 7;                                   // 6 features + intercept
    double[] c = new double[block.curvatureLength(LOGISTIC)];
    block.valueGradient(LOGISTIC, RandomProblems.gaussian(3, dim, 0.5), true, new double[dim], c, null);
    double[] u = new double[6];
    for (int j = 0; j < 6; j++) {
      u[j] = 1.0 / (sigma[j] * sigma[j]);
    }
    double[] inUnits = new double[dim * dim];
    block.gram(LOGISTIC, c, true, new GramSample(6, u), inUnits);
    double[] ofRescaled = new double[dim * dim];
    rescaled.gram(LOGISTIC, c, true, 6, ofRescaled);
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j <= i; j++) {
        double si = i < 6 ? sigma[i] : 1.0;
        double sj = j < 6 ? sigma[j] : 1.0;
        double expected = si * sj * ofRescaled[i * dim + j];     // (x_i / s_i)(x_j / s_j) summed over the same rows
        assertEquals(expected, inUnits[i * dim + j], 1e-9 * Math.max(1.0, Math.abs(expected)), "(" + i + ", " + j
            + ")");
      }
    }
    // and drawn in the data's own units, the bits of the plain stride
    double[] plain = new double[dim * dim];
    block.gram(LOGISTIC, c, true, 6, plain);
    double[] unitWeights = new double[dim * dim];
    block.gram(LOGISTIC, c, true, new GramSample(6, null), unitWeights);
    assertArrayEquals(plain, unitWeights, 0.0);
    assertTrue(relativeError(inUnits, plain) > 1e-3, "the units changed which rows were drawn");
  }

  @Test
  void sigmoidGramWithCurvatureWeightsOfBothSignsIsExactAndItsSampleEstimatesIt() {
    RandomProblems.Matrix m = RandomProblems.matrix(9, 3000, 7, 0.6, 1.0, true, false);
    Block block = m.dense();
    int dim = 8;                                   // 7 features + intercept
    double[] w = RandomProblems.gaussian(6, dim, 0.5);
    double[] c = new double[block.rows()];
    block.valueGradient(SigmoidLoss.INSTANCE, w, true, new double[dim], c, null);
    double[] naive = new double[dim * dim];
    double[] x = new double[dim];
    int negative = 0;
    for (int i = 0; i < m.rows(); i++) {
      negative += c[i] < 0 ? 1 : 0;
      System.arraycopy(m.data(), i * 7, x, 0, 7);
      x[7] = 1;
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b <= a; b++) {
          naive[a * dim + b] += c[i] * x[a] * x[b];
        }
      }
    }
    assertTrue(negative > 300 && negative < m.rows() - 300, negative + " rows of negative curvature");
    double[] exact = new double[dim * dim];
    block.gram(SigmoidLoss.INSTANCE, c, true, 1, exact);
    assertArrayEquals(naive, exact, 1e-10);
    double[] sample = new double[dim * dim];
    block.gram(SigmoidLoss.INSTANCE, c, true, 4, sample);
    // Drawn by |c_i| ||x_i||^2 and signed: the estimate cancels as the sum does (unsigned it would be far off).
    assertTrue(relativeError(sample, exact) < 0.3, "a quarter of the rows estimate the sum to "
        + relativeError(sample, exact));
  }

  private static double relativeError(double[] estimate, double[] exact) {
    double error = 0;
    double size = 0;
    for (int k = 0; k < exact.length; k++) {
      error += Math.pow(estimate[k] - exact[k], 2);
      size += exact[k] * exact[k];
    }
    return Math.sqrt(error / size);
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
    for (RowLoss loss : new RowLoss[] {LOGISTIC, new SoftmaxLoss(2)}) {
      RandomProblems.Matrix labelled = LossProblems.relabel(m, loss, 1);
      CsrBlock[] blocks = {
          loss == LOGISTIC ? f32 : labelled.csr().toFloat32(),
          new RandomProblems.Matrix(m.rows(), m.cols(), rounded, labelled.labels(), null).csr(),
          labelled.csr()};
      int dim = 31 * loss.outputs();
      double[] w = RandomProblems.gaussian(2, dim, 0.3);
      double[] v = RandomProblems.gaussian(3, dim, 1.0);
      double[][] results = new double[3][];
      double[] values = new double[3];
      for (int b = 0; b < 3; b++) {
        double[] g = new double[dim];
        double[] c = new double[blocks[b].curvatureLength(loss)];
        double[] d = new double[dim];
        values[b] = blocks[b].valueGradient(loss, w, true, g, c, d);
        double[] hv = new double[dim];
        blocks[b].hessianVector(loss, c, v, true, hv);
        double[] gram = new double[dim * dim];
        blocks[b].gram(loss, c, true, 1, gram);
        double[] all = new double[dim * 3 + gram.length];
        System.arraycopy(g, 0, all, 0, dim);
        System.arraycopy(d, 0, all, dim, dim);
        System.arraycopy(hv, 0, all, 2 * dim, dim);
        System.arraycopy(gram, 0, all, 3 * dim, gram.length);
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
    assertTrue(reference.numFeatures() == f32.numFeatures());
  }

  @Test
  void widenedBlocksComputeTheSameSumsInAWiderSpace() {
    RandomProblems.Matrix m = RandomProblems.matrix(3, 30, 8, 0.5, 1.0, false, false);
    CsrBlock narrow = m.csr();
    CsrBlock wide = narrow.widen(12);
    assertEquals(12, wide.numFeatures());
    double[] w = RandomProblems.gaussian(1, 12, 0.5);
    double[] g = new double[12];
    double[] gNarrow = new double[12];
    assertEquals(narrow.valueGradient(LOGISTIC, w, false, gNarrow, new double[30], null),
        wide.valueGradient(LOGISTIC, w, false, g, new double[30], null), 0.0);
    assertArrayEquals(gNarrow, g, 0.0);
    assertTrue(narrow.toFloat32().widen(12).isFloat32());
  }
}
