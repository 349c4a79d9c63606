package io.curvature.workers.io;

import io.curvature.workers.CsrBlock;
import io.curvature.workers.LabelDomain;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses LIBSVM lines ({@code label index:value index:value ...}, 1-based strictly increasing indices, an optional
 * {@code qid:n} after the label and a {@code # comment} at the end) straight from UTF-8 bytes into a
 * {@link CsrBlock.Builder}: no regex, no String per token, no object per row. Blank lines are skipped.
 *
 * <p>Labels are checked against the model's {@link LabelDomain} (binary: +1/1 for the positive class, -1/0 for the
 * negative; a class index; a count; any number) and stored as it stores them. Numbers with at most 15 significant
 * digits and a small exponent (all that LIBSVM writers print) are converted exactly by Clinger's fast path; others go
 * through {@link Double#parseDouble}. Errors say what is wrong; the loader adds the file and line.
 */
public final class LibsvmParser implements LineParser {
  /** Exact powers of ten as doubles: 10^k is exactly representable for k <= 22. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int k = 1; k < POWERS_OF_TEN.length; k++) {
      POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
    }
  }

  /** A decimal number as LIBSVM writers print them (what strtod reads, less hex and inf/nan). */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  /** strtod's spellings of the non-finite values: read, so the caller can say "is not finite" about them. */
  private static final java.util.regex.Pattern NON_FINITE =
      java.util.regex.Pattern.compile("([+-]?)(nan|inf|infinity)", java.util.regex.Pattern.CASE_INSENSITIVE);

  private final int maxFeatures;
  private final LabelDomain labels;
  private int[] columns = new int[64];
  private double[] values = new double[64];
  private int position;
  private byte[] line;
  private int end;

  /**
   * @param maxFeatures features allowed (indices 1..maxFeatures), or 0 for no limit
   * @param labels      the labels the model accepts
   */
  public LibsvmParser(int maxFeatures, LabelDomain labels) {
    this.maxFeatures = maxFeatures;
    this.labels = labels;
  }

  /** A parser of binary labels. */
  public LibsvmParser(int maxFeatures) {
    this(maxFeatures, LabelDomain.BINARY);
  }

  /** Parses one line (without its newline) and appends it to {@code into}; returns false for a blank line. */
  @Override
  public boolean parse(byte[] bytes, int start, int length, CsrBlock.Builder into) {
    return parseCommon(bytes, start, start + length, into) || parseCarefully(bytes, start, length, into);
  }

  /**
   * The common line in one pass, its cursor in a local: a label, then {@code index:value} pairs after spaces, numbers
   * of at most 15 digits and a small exponent. At the first thing it does not take (a comment, a qid, a long or exotic
   * number, anything wrong) it returns false having added nothing, and the careful reading takes the line from its
   * start (and says what is wrong). The careful reading keeps its cursor in fields and checks a comment
   * first: on Fashion-MNIST's text this one reads 15 to 25% faster ({@code LibsvmParserBenchmark}: 39 ms against 46 to
   * 52 ms for 20 MB on one thread). Same rows to the bit: the same conversion of the same digits.
   */
  private boolean parseCommon(byte[] b, int from, int end, CsrBlock.Builder into) {
    int p = from;
    while (p < end && isSpace(b[p])) {
      p++;
    }
    p = scanNumber(b, p, end);
    if (p < 0 || labels.problem(scanned) != null) {
      return false;
    }
    double label = labels.encode(scanned);
    int[] rowColumns = columns;
    double[] rowValues = values;
    int nnz = 0;
    long previous = 0;
    while (true) {
      int separator = p;
      while (p < end && isSpace(b[p])) {
        p++;
      }
      if (p >= end) {
        break;
      }
      if (p == separator) {
        return false;
      }
      int digitsStart = p;
      long index = 0;
      while (p < end) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        index = index * 10 + digit;
        if (index > Integer.MAX_VALUE) {
          return false;
        }
        p++;
      }
      if (p == digitsStart || p >= end || b[p] != ':' || index <= previous
          || (maxFeatures > 0 && index > maxFeatures)) {
        return false;
      }
      p = scanNumber(b, p + 1, end);
      if (p < 0) {
        return false;
      }
      if (nnz == rowColumns.length) {
        columns = rowColumns = Arrays.copyOf(rowColumns, nnz * 2);
        values = rowValues = Arrays.copyOf(rowValues, nnz * 2);
      }
      rowColumns[nnz] = (int) index - 1;
      rowValues[nnz++] = scanned;
      previous = index;
    }
    into.addRow(label, 1.0, rowColumns, rowValues, nnz);
    return true;
  }

  /** The number {@link #parseCommon} last read. */
  private double scanned;

  /**
   * Reads a decimal of at most 15 digits and an exponent within 22 at {@code p}, ended by a space or the end, into
   * {@link #scanned}; returns the position after it, or -1 for anything else (the careful reading decides).
   * The same mantissa and exponent as {@link #number()} gathers, so the same double.
   */
  private int scanNumber(byte[] b, int p, int end) {
    boolean negative = false;
    if (p < end && (b[p] == '+' || b[p] == '-')) {
      negative = b[p++] == '-';
    }
    // Every digit goes into the mantissa (leading zeros add nothing) and each one after the dot scales it by 1/10: the
    // mantissa and exponent number() gathers, whenever there are at most 15 digits (and so 15 significant ones).
    long mantissa = 0;
    int integerStart = p;
    for (; p < end; p++) {
      int digit = b[p] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      mantissa = mantissa * 10 + digit;
    }
    int digits = p - integerStart;
    int exponent = 0;
    if (p < end && b[p] == '.') {
      int fractionStart = ++p;
      for (; p < end; p++) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        mantissa = mantissa * 10 + digit;
      }
      exponent = fractionStart - p;
      digits += p - fractionStart;
    }
    if (digits == 0 || digits > 15) {
      return -1;
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      boolean negativeExponent = false;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        negativeExponent = b[p++] == '-';
      }
      int e = 0;
      int exponentStart = p;
      while (p < end && b[p] >= '0' && b[p] <= '9') {
        e = Math.min(e * 10 + (b[p++] - '0'), 100_000);
      }
      if (p == exponentStart) {
        return -1;
      }
      exponent += negativeExponent ? -e : e;
    }
    if ((p < end && !isSpace(b[p])) || Math.abs(exponent) > 22) {
      return -1;
    }
    double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
    scanned = negative ? -value : value;
    return p;
  }

  /** Reads any line, with its comment, qids and every error said; the cursor in fields. */
  boolean parseCarefully(byte[] bytes, int start, int length, CsrBlock.Builder into) {
    line = bytes;
    position = start;
    end = start + length;
    for (int i = start; i < end; i++) {
      if (bytes[i] == '#') {
        end = i;
        break;
      }
    }
    skipSpaces();
    if (position >= end) {
      return false;
    }
    int labelStart = position;
    double rawLabel = number();
    if (position < end && !isSpace(line[position])) {
      throw new LibsvmFormatException("'" + token(labelStart) + "' is not a number");
    }
    String problem = labels.problem(rawLabel);
    if (problem != null) {
      throw new LibsvmFormatException("label '" + text(labelStart, position) + "' " + problem);
    }
    double label = labels.encode(rawLabel);
    int nnz = 0;
    int previous = 0;
    while (true) {
      boolean separated = skipSpaces();
      if (position >= end) {
        break;
      }
      if (!separated) {
        throw new LibsvmFormatException("expected a space before '" + text(position, end) + "'");
      }
      int tokenStart = position;
      if (matches("qid:")) {
        position += 4;
        parseIndex(tokenStart);                   // ranking query ids are read and ignored
        continue;
      }
      int index = parseIndex(tokenStart);
      if (position >= end || line[position] != ':') {
        throw new LibsvmFormatException("expected index:value but found '" + token(tokenStart) + "'");
      }
      position++;
      if (index <= previous) {
        throw new LibsvmFormatException(index == 0 ? "feature index 0 (indices start at 1)"
            : "feature index " + index + " does not increase (after " + previous + ")");
      }
      if (maxFeatures > 0 && index > maxFeatures) {
        throw new LibsvmFormatException("feature index " + index + " exceeds the " + maxFeatures + " features given");
      }
      int valueStart = position;
      double value = number();
      if (!Double.isFinite(value)) {
        throw new LibsvmFormatException("value '" + text(valueStart, position) + "' of feature " + index
            + " is not finite");
      }
      if (position < end && !isSpace(line[position])) {
        throw new LibsvmFormatException("malformed value '" + token(valueStart) + "' of feature " + index);
      }
      if (nnz == columns.length) {
        columns = Arrays.copyOf(columns, nnz * 2);
        values = Arrays.copyOf(values, nnz * 2);
      }
      columns[nnz] = index - 1;
      values[nnz++] = value;
      previous = index;
    }
    into.addRow(label, 1.0, columns, values, nnz);
    return true;
  }

  private int parseIndex(int tokenStart) {
    long index = 0;
    int digits = 0;
    while (position < end && line[position] >= '0' && line[position] <= '9') {
      index = index * 10 + (line[position++] - '0');
      if (index > Integer.MAX_VALUE) {
        throw new LibsvmFormatException("feature index in '" + token(tokenStart) + "' is too large");
      }
      digits++;
    }
    if (digits == 0) {
      throw new LibsvmFormatException("expected index:value but found '" + token(tokenStart) + "'");
    }
    return (int) index;
  }

  /** A decimal number at the cursor; the cursor moves past it. */
  private double number() {
    int start = position;
    boolean negative = false;
    if (position < end && (line[position] == '+' || line[position] == '-')) {
      negative = line[position++] == '-';
    }
    long mantissa = 0;
    int significant = 0;
    int exponent = 0;
    int digits = 0;
    boolean seenDot = false;
    while (position < end) {
      byte c = line[position];
      if (c >= '0' && c <= '9') {
        digits++;
        if (mantissa != 0 || c != '0') {
          if (significant < 18) {
            mantissa = mantissa * 10 + (c - '0');
            significant++;
            if (seenDot) {
              exponent--;
            }
          } else if (!seenDot) {
            exponent++;                            // digits beyond 18 only scale (slow path decides)
          }
        } else if (seenDot) {
          exponent--;                              // leading zeros after the dot
        }
        position++;
      } else if (c == '.' && !seenDot) {
        seenDot = true;
        position++;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return slowNumber(start);
    }
    if (position < end && (line[position] == 'e' || line[position] == 'E')) {
      position++;
      boolean negativeExponent = false;
      if (position < end && (line[position] == '+' || line[position] == '-')) {
        negativeExponent = line[position++] == '-';
      }
      int e = 0;
      int exponentDigits = 0;
      while (position < end && line[position] >= '0' && line[position] <= '9') {
        e = Math.min(e * 10 + (line[position++] - '0'), 100_000);
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return slowNumber(start);
      }
      exponent += negativeExponent ? -e : e;
    }
    if (position < end && !isSpace(line[position]) && line[position] != ':') {
      return slowNumber(start);
    }
    if (significant <= 15 && Math.abs(exponent) <= 22) {
      // Clinger's fast path: both operands exact, so one correctly rounded operation gives the exact answer.
      double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
      return negative ? -value : value;
    }
    return slowNumber(start);
  }

  /** Anything the fast path does not handle (long mantissas, huge exponents, inf, nan) or rejects. */
  private double slowNumber(int start) {
    position = start;
    while (position < end && !isSpace(line[position]) && line[position] != ':') {
      position++;
    }
    String s = new String(line, start, position - start, StandardCharsets.UTF_8);
    // Java's parser also takes hex, type suffixes (1d, 2f) and spelled-out Infinity: none is a LIBSVM number.
    java.util.regex.Matcher nonFinite = NON_FINITE.matcher(s);
    if (nonFinite.matches()) {
      return nonFinite.group(2).equalsIgnoreCase("nan") ? Double.NaN
          : nonFinite.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!DECIMAL.matcher(s).matches()) {
      throw new LibsvmFormatException("'" + text(start, position) + "' is not a number");
    }
    return Double.parseDouble(s);
  }

  private boolean matches(String literal) {
    if (end - position < literal.length()) {
      return false;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (line[position + i] != literal.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Skips spaces and tabs; returns whether there were any. */
  private boolean skipSpaces() {
    int start = position;
    while (position < end && isSpace(line[position])) {
      position++;
    }
    return position > start;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  private String token(int start) {
    int stop = start;
    while (stop < end && !isSpace(line[stop])) {
      stop++;
    }
    return text(start, stop);
  }

  private String text(int from, int to) {
    int cut = Math.min(to, from + 60);
    return new String(line, from, cut - from, StandardCharsets.UTF_8) + (cut < to ? "..." : "");
  }
}
