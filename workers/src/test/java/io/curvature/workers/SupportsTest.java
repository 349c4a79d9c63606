package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupportsTest {
  @Test
  void supportIsTheSortedUnionOfStoredColumnsOrNullWhenMostlyDense() {
    CsrBlock.Builder a = new CsrBlock.Builder();
    a.addRow(1, 1, new int[] {2, 9}, new double[] {1, 1}, 2);
    CsrBlock.Builder b = new CsrBlock.Builder();
    b.addRow(-1, 1, new int[] {0, 9, 30}, new double[] {1, 1, 1}, 3);
    assertArrayEquals(new int[] {0, 2, 9, 30}, Supports.of(List.of(a.build(40), b.build(40)), 40));
    assertNull(Supports.of(List.of(a.build(40), b.build(40)), 6));          // 4 of 6 columns: dense is cheaper
    Block dense = RandomProblems.matrix(1, 3, 40, 1.0, 1.0, false, false).dense();
    assertNull(Supports.of(List.of(a.build(40), dense), 40));
  }

  @Test
  void compactVectorsAndPartialsRoundTripExactly() {
    int[] support = {1, 4, 5};
    double[] full = {0, 1.5, 0, 0, -2, 3, 0, 7};            // last entry: the intercept tail
    double[] compact = Supports.gather(full, support, 1, 1);
    assertArrayEquals(new double[] {1.5, -2, 3, 7}, compact, 0.0);
    double[] back = new double[8];
    Supports.scatterAdd(compact, support, 1, back);
    assertArrayEquals(full, back, 0.0);

    RandomProblems.Matrix m = RandomProblems.matrix(5, 50, 200, 0.01, 1.0, true, false);
    CsrBlock block = m.csr();
    int[] columns = Supports.of(List.of(block), 200);
    double[] w = RandomProblems.gaussian(1, 201, 0.3);
    LossPartial p = new LossPartial(201, true, 0);
    BlockKernels.valueGradient(block, LogisticLoss.INSTANCE, w, true, 3, p);
    LossPartial roundTrip = p.compact(columns, 1, 1).expand(columns, 1, 201);
    assertArrayEquals(p.gradient(), roundTrip.gradient(), 0.0);
    assertArrayEquals(p.diagonal(), roundTrip.diagonal(), 0.0);
    assertEquals(p.loss(), roundTrip.loss(), 0.0);
    assertEquals(columns.length + 1, p.compact(columns, 1, 1).gradient().length);

    // K outputs: K values a column, K intercepts in the tail
    int k = 3;
    double[] wide = RandomProblems.gaussian(2, 200 * k + k, 0.1);
    SoftmaxLoss softmax = new SoftmaxLoss(k);
    RandomProblems.Matrix labelled = LossProblems.relabel(m, softmax, 4);
    LossPartial q = new LossPartial(wide.length, true, 0);
    BlockKernels.valueGradient(labelled.csr(), softmax, wide, true, 5, q);
    LossPartial compactQ = q.compact(columns, k, k);
    assertEquals(columns.length * k + k, compactQ.gradient().length);
    LossPartial back3 = compactQ.expand(columns, k, wide.length);
    assertArrayEquals(q.gradient(), back3.gradient(), 0.0);
    assertArrayEquals(q.diagonal(), back3.diagonal(), 0.0);
  }

  @Test
  void aCompactPartialAddsIntoAFullOneAsItsExpansionWould() {
    RandomProblems.Matrix m = RandomProblems.matrix(6, 80, 300, 0.01, 1.0, true, false);
    List<Block> parts = m.csrBlocks(2);
    double[] w = RandomProblems.gaussian(3, 301, 0.3);
    LossPartial[] expanded = new LossPartial[2];
    LossPartial[] fused = new LossPartial[2];
    int[] second = Supports.of(List.of(parts.get(1)), 300);
    for (int i = 0; i < 2; i++) {
      expanded[i] = new LossPartial(301, true, 0);
      fused[i] = new LossPartial(301, true, 0);
      BlockKernels.valueGradient(parts.get(i), LogisticLoss.INSTANCE, w, true, 7 + i, expanded[i]);
      BlockKernels.valueGradient(parts.get(i), LogisticLoss.INSTANCE, w, true, 17 + i, fused[i]);
    }
    LossPartial viaExpand = expanded[0].merge(expanded[1].compact(second, 1, 1).expand(second, 1, 301));
    LossPartial direct = fused[0].mergeCompact(fused[1].compact(second, 1, 1), second, 1);
    assertArrayEquals(viaExpand.gradient(), direct.gradient(), 0.0);
    assertArrayEquals(viaExpand.diagonal(), direct.diagonal(), 0.0);
    assertEquals(viaExpand.loss(), direct.loss(), 0.0);
    assertEquals(viaExpand.rows(), direct.rows());
    assertEquals(80, direct.rows());
  }
}
