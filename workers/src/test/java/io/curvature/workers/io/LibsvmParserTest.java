package io.curvature.workers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.workers.CsrBlock;
import io.curvature.workers.LabelDomain;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LibsvmParserTest {
  private static CsrBlock parse(String... lines) {
    return parse(LabelDomain.BINARY, lines);
  }

  private static CsrBlock parse(LabelDomain labels, String... lines) {
    LibsvmParser parser = new LibsvmParser(0, labels);
    CsrBlock.Builder builder = new CsrBlock.Builder();
    for (String line : lines) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      parser.parse(b, 0, b.length, builder);
    }
    return builder.build(0);
  }

  /** The block's rows as dense arrays, via its margins against unit vectors. */
  private static double value(CsrBlock block, int row, int column) {
    double[] w = new double[block.numFeatures()];
    w[column] = 1;
    double[] margins = new double[block.rows()];
    block.margins(w, 1, false, margins);
    return margins[row];
  }

  private static String error(String line) {
    return error(LabelDomain.BINARY, line);
  }

  private static String error(LabelDomain labels, String line) {
    return assertThrows(LibsvmFormatException.class, () -> parse(labels, line)).getMessage();
  }

  @Test
  void readsLabelsIndicesValuesCommentsAndQids() {
    CsrBlock b = parse("+1 1:0.5 3:-2e-3 10:7", "0 2:1", "-1 qid:4 1:1.25   # a comment", "1\t4:3.0\r", "   ",
        "-1.0");
    assertEquals(5, b.rows());
    assertEquals(10, b.numFeatures());
    assertEquals(6, b.storedValues());
    assertEquals(1.0, b.label(0));
    assertEquals(-1.0, b.label(1));
    assertEquals(-1.0, b.label(2));
    assertEquals(1.0, b.label(3));
    assertEquals(-1.0, b.label(4));
    assertEquals(0.5, value(b, 0, 0));
    assertEquals(-2e-3, value(b, 0, 2));
    assertEquals(7.0, value(b, 0, 9));
    assertEquals(1.0, value(b, 1, 1));
    assertEquals(1.25, value(b, 2, 0));
    assertEquals(3.0, value(b, 3, 3));
  }

  @Test
  void numbersAreReadExactlyAsJavaWouldRoundThem() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int t = 0; t < 20_000; t++) {
      double x = switch (t % 4) {
        case 0 -> rng.nextDouble();
        case 1 -> Math.round(rng.nextDouble() * 1e6) / 1e6;
        case 2 -> rng.nextGaussian() * Math.pow(10, rng.nextInt(-30, 30));
        default -> (double) rng.nextInt(-1000, 1000);
      };
      String text = t % 8 == 0 ? String.format("%.6g", x) : Double.toString(x);
      CsrBlock b = parse("1 1:" + text);
      double expected = Double.parseDouble(text);
      if (expected == 0) {
        continue;
      }
      assertEquals(expected, value(b, 0, 0), 0.0, text);
    }
    assertEquals(123456789012345678.0, value(parse("1 1:123456789012345678"), 0, 0), 0.0);
    assertEquals(1e-300, value(parse("1 1:1e-300"), 0, 0), 0.0);
    assertEquals(0.1, value(parse("1 1:.1"), 0, 0), 0.0);
  }

  @Test
  void rejectsBadLinesSayingWhatIsWrong() {
    assertTrue(error("2 1:1").contains("label '2' is not binary"), error("2 1:1"));
    assertTrue(error("x 1:1").contains("'x' is not a number"), error("x 1:1"));
    assertTrue(error("1 0:1").contains("feature index 0"), error("1 0:1"));
    assertTrue(error("1 3:1 2:1").contains("feature index 2 does not increase (after 3)"), error("1 3:1 2:1"));
    assertTrue(error("1 3:1 3:1").contains("does not increase"), error("1 3:1 3:1"));
    assertTrue(error("1 3").contains("expected index:value but found '3'"), error("1 3"));
    assertTrue(error("1 a:1").contains("expected index:value"), error("1 a:1"));
    assertTrue(error("1 3:abc").contains("'abc' is not a number"), error("1 3:abc"));
    assertTrue(error("1 3:NaN").contains("is not finite"), error("1 3:NaN"));
    assertTrue(error("1 3:1e999").contains("is not finite"), error("1 3:1e999"));
    assertTrue(error("1 3:1.5x").contains("'1.5x' is not a number"), error("1 3:1.5x"));
    assertTrue(error("1 99999999999:1").contains("too large"), error("1 99999999999:1"));
    LibsvmParser limited = new LibsvmParser(5);
    byte[] line = "1 6:1".getBytes(StandardCharsets.UTF_8);
    LibsvmFormatException e = assertThrows(LibsvmFormatException.class,
        () -> limited.parse(line, 0, line.length, new CsrBlock.Builder()));
    assertTrue(e.getMessage().contains("exceeds the 5 features"), e.getMessage());
  }

  @Test
  void labelsAreCheckedAgainstTheModelsDomain() {
    assertEquals(2.5, parse(LabelDomain.REAL, "2.5 1:1").label(0));
    assertEquals(3.0, parse(LabelDomain.CLASS_INDEX, "3 1:1").label(0));
    assertEquals(7.0, parse(LabelDomain.COUNT, "7 1:1").label(0));
    assertEquals("label '3' is not binary (expected +1/-1 or 1/0)", error("3 1:1"));
    assertEquals("label '2.5' is not a class index (expected 0, 1, 2, ...)", error(LabelDomain.CLASS_INDEX, "2.5 1:1"));
    assertEquals("label '-1' is not a class index (expected 0, 1, 2, ...)", error(LabelDomain.CLASS_INDEX, "-1 1:1"));
    assertEquals("label '-2' is negative (Poisson regression needs counts >= 0)", error(LabelDomain.COUNT, "-2 1:1"));
    assertEquals("label 'Infinity' is not a finite number", error(LabelDomain.REAL, "Infinity 1:1"));
    assertEquals("label 'NaN' is not a finite number", error(LabelDomain.COUNT, "NaN 1:1"));
    assertTrue(error("1x 1:1").contains("'1x' is not a number"), error("1x 1:1"));
    assertTrue(error("0x1p3 1:1").contains("'0x1p3' is not a number"), error("0x1p3 1:1"));
    assertEquals("label '-inf' is not a finite number", error(LabelDomain.REAL, "-inf 1:1"));
  }

  @Test
  void blankAndCommentLinesAddNoRow() {
    LibsvmParser parser = new LibsvmParser(0);
    CsrBlock.Builder builder = new CsrBlock.Builder();
    byte[] comment = "# header".getBytes(StandardCharsets.UTF_8);
    assertFalse(parser.parse(comment, 0, comment.length, builder));
    assertFalse(parser.parse(new byte[0], 0, 0, builder));
    assertEquals(0, builder.rows());
  }
}
