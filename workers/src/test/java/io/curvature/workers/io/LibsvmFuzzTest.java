package io.curvature.workers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.curvature.workers.CsrBlock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 20,000 mutated LIBSVM lines (characters inserted, deleted, replaced, tokens duplicated or swapped) against an
 * independent reading of the format written from its definition with regular expressions: the parser accepts exactly
 * the lines the definition accepts, reads them to the same row, throws nothing but its own format error, and never
 * hangs.
 */
class LibsvmFuzzTest {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INDEX = Pattern.compile("\\d+");
  private static final String ALPHABET = "0123456789:. +-eE#\t\rxqid:nNaIf\u00e9,;";

  /** The row a line holds by the definition: label, indices (0-based), values; null for none; throws if invalid. */
  record Row(double label, int[] indices, double[] values) {}

  static Row reference(String line) {
    int hash = line.indexOf('#');
    String body = hash >= 0 ? line.substring(0, hash) : line;
    String[] tokens = body.replace('\r', ' ').replace('\t', ' ').trim().split(" +");
    if (tokens.length == 1 && tokens[0].isEmpty()) {
      return null;
    }
    if (!NUMBER.matcher(tokens[0]).matches()) {
      throw new IllegalArgumentException("label not a number");
    }
    double label = Double.parseDouble(tokens[0]);
    if (label != 1 && label != -1 && label != 0) {
      throw new IllegalArgumentException("label not binary");
    }
    List<Integer> indices = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    long previous = 0;
    for (int t = 1; t < tokens.length; t++) {
      String token = tokens[t];
      if (token.startsWith("qid:") && INDEX.matcher(token.substring(4)).matches()) {
        if (Long.parseLong(token.substring(4).length() > 18 ? "9999999999" : token.substring(4)) > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("qid too large");
        }
        continue;
      }
      int colon = token.indexOf(':');
      if (colon < 0 || !INDEX.matcher(token.substring(0, colon)).matches()
          || !NUMBER.matcher(token.substring(colon + 1)).matches()) {
        throw new IllegalArgumentException("not index:value");
      }
      String digits = token.substring(0, colon);
      long index = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
      if (index > Integer.MAX_VALUE || index <= previous) {
        throw new IllegalArgumentException("index out of order or range");
      }
      double value = Double.parseDouble(token.substring(colon + 1));
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("value not finite");
      }
      indices.add((int) index - 1);
      values.add(value);
      previous = index;
    }
    return new Row(label == 1 ? 1 : -1, indices.stream().mapToInt(Integer::intValue).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static String mutate(String line, SplittableRandom rng) {
    StringBuilder b = new StringBuilder(line);
    int edits = 1 + rng.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = b.length() == 0 ? 0 : rng.nextInt(b.length() + 1);
      char c = ALPHABET.charAt(rng.nextInt(ALPHABET.length()));
      switch (rng.nextInt(5)) {
        case 0 -> b.insert(at, c);
        case 1 -> {
          if (at < b.length()) {
            b.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (at < b.length()) {
            b.setCharAt(at, c);
          }
        }
        case 3 -> {
          String[] tokens = b.toString().split(" ", -1);
          int t = rng.nextInt(tokens.length);
          b.append(' ').append(tokens[t]);            // a repeated token: indices out of order
        }
        default -> {
          String[] tokens = b.toString().split(" ", -1);
          if (tokens.length > 2) {
            int i = 1 + rng.nextInt(tokens.length - 1);
            int j = 1 + rng.nextInt(tokens.length - 1);
            String x = tokens[i];
            tokens[i] = tokens[j];
            tokens[j] = x;
            b.setLength(0);
            b.append(String.join(" ", tokens));
          }
        }
      }
    }
    return b.toString();
  }

  static String validLine(SplittableRandom rng) {
    StringBuilder b = new StringBuilder(rng.nextBoolean() ? "+1" : rng.nextBoolean() ? "-1" : "0");
    int index = 0;
    int n = rng.nextInt(6);
    for (int k = 0; k < n; k++) {
      index += 1 + rng.nextInt(20);
      double v = rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 4));
      b.append(' ').append(index).append(':').append(rng.nextBoolean() ? Double.toString(v)
          : String.format("%.4g", v));
    }
    if (rng.nextInt(10) == 0) {
      b.append(" # comment");
    }
    return b.toString();
  }

  @Test
  void theParserAcceptsExactlyTheLinesTheFormatDefines() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      SplittableRandom rng = new SplittableRandom(20261127);
      int accepted = 0;
      for (int t = 0; t < 20_000; t++) {
        String line = mutate(validLine(rng), rng);
        Row expected;
        try {
          expected = reference(line);
        } catch (IllegalArgumentException e) {
          expected = new Row(Double.NaN, null, null);   // the definition refuses it
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        CsrBlock.Builder builder = new CsrBlock.Builder();
        boolean row;
        try {
          row = new LibsvmParser(0).parse(bytes, 0, bytes.length, builder);
        } catch (LibsvmFormatException e) {
          if (expected.indices() != null) {
            fail("refused a valid line '" + line + "': " + e.getMessage());
          }
          continue;
        } catch (Throwable e) {
          throw new AssertionError("'" + line + "' threw " + e, e);
        }
        if (expected != null && expected.indices() == null) {
          fail("accepted an invalid line '" + line + "'");
        }
        if (!row) {
          assertEquals(null, expected, "'" + line + "' holds a row by the definition");
          continue;
        }
        accepted++;
        CsrBlock block = builder.build(0);
        assertEquals(expected.label(), block.label(0), line);
        double[] w = new double[block.numFeatures()];
        for (int k = 0; k < expected.indices().length; k++) {
          // read back each stored value through the margins against a unit vector
          java.util.Arrays.fill(w, 0);
          w[expected.indices()[k]] = 1;
          double[] margin = new double[1];
          block.margins(w, 1, false, margin);
          assertEquals(expected.values()[k], margin[0], 0.0, line);
        }
        assertEquals(expected.indices().length, block.storedValues(), line);
      }
      assertArrayEquals(new boolean[] {true}, new boolean[] {accepted > 1000}, "too few mutants were valid: "
          + accepted);
    });
  }

  /**
   * The one-pass reading of common lines ({@code parse}) and the careful reading every other line falls back to give
   * the same block to the bit (its serialized bytes) or the same error, on the mutants and on valid lines whose numbers
   * take every branch of the conversion (long mantissas, leading zeros, exponents at and past 22, signs, zeros).
   */
  @Test
  void theCommonLineReadingAgreesBitForBitWithTheCarefulOne() throws Exception {
    SplittableRandom rng = new SplittableRandom(20261128);
    List<String> lines = new ArrayList<>();
    for (int t = 0; t < 5_000; t++) {
      lines.add(mutate(validLine(rng), rng));
      lines.add(validLine(rng));
    }
    String[] numbers = {"0", "-0", "+0.0", "007", "0.000123", "1.", ".5", "-.5e-3", "123456789012345",
        "1234567890123456", "0.1234567890123456789", "1e22", "1e23", "1e-22", "1E-23", "2.5e+3", "9007199254740993",
        "1e", "1e+", "--1", "1..2", "4.9e-324", "1.7976931348623157e308", "3.14159265358979323846"};
    for (String a : numbers) {
      for (String b : numbers) {
        lines.add("+1 3:" + a + " 17:" + b);
        lines.add("-1\t2:" + a + "\r");
      }
    }
    for (String line : lines) {
      byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);   // the line inside a larger buffer
      int length = bytes.length - 4;
      CsrBlock.Builder common = new CsrBlock.Builder();
      CsrBlock.Builder careful = new CsrBlock.Builder();
      String commonError = null;
      String carefulError = null;
      boolean commonRow = false;
      boolean carefulRow = false;
      try {
        commonRow = new LibsvmParser(0).parse(bytes, 2, length, common);
      } catch (LibsvmFormatException e) {
        commonError = e.getMessage();
      }
      try {
        carefulRow = new LibsvmParser(0).parseCarefully(bytes, 2, length, careful);
      } catch (LibsvmFormatException e) {
        carefulError = e.getMessage();
      }
      assertEquals(carefulError, commonError, line);
      assertEquals(carefulRow, commonRow, line);
      if (carefulRow) {
        assertArrayEquals(serialized(careful.build(0)), serialized(common.build(0)), line);
      }
    }
  }

  private static byte[] serialized(CsrBlock block) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(block);
    }
    return bytes.toByteArray();
  }
}
