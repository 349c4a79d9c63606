package io.curvature.workers.io;

import io.curvature.workers.CsrBlock;
import io.curvature.workers.LabelDomain;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses numeric CSV lines into a {@link CsrBlock.Builder}: the label, an optional weight and the feature columns are
 * picked by name from the header. Values are decimal numbers, optionally quoted; blank lines and lines starting with
 * '#' are skipped; a CR before the newline and blanks around values are accepted. Errors say what is wrong and in
 * which column; the loader adds the file and line.
 */
public final class CsvParser implements LineParser {
  private final int label;
  private final int weight;
  private final int[] features;
  private final int columns;
  private final String[] names;
  private final LabelDomain labels;
  private final int[] indices;
  private final double[] values;

  /**
   * @param header         the header line's column names
   * @param labelName      the label column
   * @param weightName     the weight column, or null
   * @param featureNames   the feature columns in order, or empty for every other column
   * @param labels         the labels the model accepts
   */
  public CsvParser(List<String> header, String labelName, String weightName, List<String> featureNames,
      LabelDomain labels) {
    this.names = header.toArray(new String[0]);
    this.columns = names.length;
    this.label = column(labelName, "label");
    this.weight = weightName == null ? -1 : column(weightName, "weight");
    List<Integer> chosen = new ArrayList<>();
    if (featureNames.isEmpty()) {
      for (int c = 0; c < columns; c++) {
        if (c != label && c != weight) {
          chosen.add(c);
        }
      }
    } else {
      for (String f : featureNames) {
        chosen.add(column(f, "feature"));
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("the CSV header " + header + " leaves no feature column");
    }
    this.features = chosen.stream().mapToInt(Integer::intValue).toArray();
    this.labels = labels;
    this.indices = new int[features.length];
    this.values = new double[features.length];
  }

  private int column(String name, String role) {
    for (int c = 0; c < names.length; c++) {
      if (names[c].equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("the " + role + " column '" + name + "' is not in the CSV header "
        + List.of(names));
  }

  /** The column names of a header line. */
  public static List<String> header(String line) {
    List<String> out = new ArrayList<>();
    for (String cell : line.split(",", -1)) {
      out.add(unquote(cell.strip()));
    }
    return out;
  }

  /** Features per row: the number of feature columns. */
  public int width() {
    return features.length;
  }

  /** Parses one line and appends it to {@code into}; returns false for a blank or comment line. */
  @Override
  public boolean parse(byte[] bytes, int start, int length, CsrBlock.Builder into) {
    String line = new String(bytes, start, length, StandardCharsets.UTF_8).strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return false;
    }
    String[] cells = line.split(",", -1);
    if (cells.length != columns) {
      throw new LibsvmFormatException(cells.length + " fields, expected " + columns + " as in the header");
    }
    double y = number(cells, label);
    String problem = labels.problem(y);
    if (problem != null) {
      throw new LibsvmFormatException("label '" + cells[label].strip() + "' " + problem);
    }
    double s = weight < 0 ? 1.0 : number(cells, weight);
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new LibsvmFormatException("weight '" + cells[weight].strip() + "' is not a finite number >= 0");
    }
    int nnz = 0;
    for (int j = 0; j < features.length; j++) {
      double x = number(cells, features[j]);
      if (!Double.isFinite(x)) {
        throw new LibsvmFormatException("value '" + cells[features[j]].strip() + "' of column '"
            + names[features[j]] + "' is not finite");
      }
      if (x != 0) {
        indices[nnz] = j;
        values[nnz++] = x;
      }
    }
    into.addRow(labels.encode(y), s, indices, values, nnz);
    return true;
  }

  private double number(String[] cells, int c) {
    String text = unquote(cells[c].strip());
    if (text.isEmpty()) {
      throw new LibsvmFormatException("column '" + names[c] + "' is empty");
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new LibsvmFormatException("'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text)
          + "' in column '" + names[c] + "' is not a number");
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1)
        : s;
  }
}
