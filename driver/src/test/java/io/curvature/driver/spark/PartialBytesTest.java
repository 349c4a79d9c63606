package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.curvature.workers.CsrBlock;
import io.curvature.workers.LossPartial;
import io.curvature.driver.objective.DataSummary;
import org.junit.jupiter.api.Test;

/** Partials read back with every bit they were written with, by the raw paths and by Java serialization. */
class PartialBytesTest {
  /** Values whose bits a careless codec loses: signed zeros, NaN's payload, infinities, subnormals, extremes. */
  private static final double[] AWKWARD = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0abcL),
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_NORMAL / 3, Double.MAX_VALUE,
      1.0 / 3, -123456.789e-200};

  private static void assertSameBits(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "entry " + i);
    }
  }

  /** As above with NaNs of any payload equal: Java serialization writes every NaN as the canonical one. */
  private static void assertSameValues(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]), "entry " + i);
    }
  }

  private static LossPartial lossPartial(boolean diagonal, int gramStride) {
    LossPartial p = new LossPartial(AWKWARD.length, diagonal, gramStride);
    System.arraycopy(AWKWARD, 0, p.gradient(), 0, AWKWARD.length);
    if (diagonal) {
      for (int i = 0; i < AWKWARD.length; i++) {
        p.diagonal()[i] = -AWKWARD[AWKWARD.length - 1 - i];
      }
    }
    return gramStride > 0 ? p : p.merge(LossPartial.of(-0.0, 7.25, 12, new double[AWKWARD.length],
        diagonal ? new double[AWKWARD.length] : null));          // totals to carry (a Gram partial keeps zeros)
  }

  @Test
  void vectorsKeepEveryBit() {
    assertSameBits(AWKWARD, PartialBytes.read(PartialBytes.write(AWKWARD)));
    assertSameBits(new double[0], PartialBytes.read(PartialBytes.write(new double[0])));
  }

  @Test
  void lossPartialsKeepTheirSumsWithAndWithoutADiagonal() {
    for (boolean diagonal : new boolean[] {false, true}) {
      LossPartial p = lossPartial(diagonal, 0);
      LossPartial back = PartialBytes.read(PartialBytes.write(p));
      assertEquals(Double.doubleToRawLongBits(p.loss()), Double.doubleToRawLongBits(back.loss()));
      assertEquals(p.weightSum(), back.weightSum(), 0.0);
      assertEquals(p.rows(), back.rows());
      assertSameBits(p.gradient(), back.gradient());
      if (diagonal) {
        assertSameBits(p.diagonal(), back.diagonal());
      } else {
        assertNull(back.diagonal());
      }
      assertNull(back.gram());
      // and it merges as the original does
      assertSameBits(lossPartial(diagonal, 0).merge(p).gradient(), lossPartial(diagonal, 0).merge(back).gradient());
    }
  }

  @Test
  void anythingElseGoesByJavaSerializationRecordsIncluded() {
    LossPartial withGram = lossPartial(true, 3);
    withGram.gram().lower()[5] = -0.0;
    withGram.gram().lower()[7] = Math.PI;
    LossPartial back = PartialBytes.read(PartialBytes.write(withGram));
    assertNotNull(back.gram());
    assertSameValues(withGram.gram().lower(), back.gram().lower());
    assertSameValues(withGram.gradient(), back.gradient());

    DataSummary summary = DataSummary.of(new CsrBlock.Builder()
        .addRow(1.0, 2.0, new int[] {0, 4}, new double[] {0.5, -1.5}, 2).build(6));
    DataSummary summaryBack = PartialBytes.read(PartialBytes.write(summary));
    assertEquals(summary.rows(), summaryBack.rows());
    assertEquals(summary.weightSum(), summaryBack.weightSum(), 0.0);
    assertEquals(summary.nonzeros(), summaryBack.nonzeros());
    assertEquals(summary.labels().weightedSumSquares(), summaryBack.labels().weightedSumSquares(), 0.0);
    assertEquals(java.util.Arrays.toString(summary.labels().classWeights()),
        java.util.Arrays.toString(summaryBack.labels().classWeights()));
  }
}
