package io.curvature.workers;

import java.util.Arrays;

/**
 * Sparse rows in compressed sparse row form: row i holds {@code values[rowStart[i] .. rowStart[i+1])} at the
 * strictly increasing column indices {@code columns[...]}. Values are float64 (12 bytes a nonzero) or, from
 * {@link #toFloat32()}, float32 (8 bytes a nonzero: a third less to read every pass, for values rounded to 24 bits);
 * all arithmetic is in double either way.
 */
public final class CsrBlock extends Block {
  private static final long serialVersionUID = 2L;

  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;                     // null when the values are float32
  private final float[] values32;                    // null when the values are float64

  /** Takes ownership of the arrays; checks their shape and that indices are sorted, in range, and values finite. */
  public CsrBlock(double[] labels, double[] weights, int[] rowStart, int[] columns, double[] values, int numFeatures) {
    super(labels, weights, numFeatures);
    if (rowStart.length != labels.length + 1 || rowStart[0] != 0 || rowStart[labels.length] != columns.length
        || columns.length != values.length) {
      throw new IllegalArgumentException("CSR arrays disagree: " + labels.length + " rows, rowStart length "
          + rowStart.length + ", " + columns.length + " column indices, " + values.length + " values");
    }
    for (int i = 0; i < labels.length; i++) {
      int previous = -1;
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("rowStart decreases at row " + i);
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (columns[k] <= previous || columns[k] >= numFeatures) {
          throw new IllegalArgumentException("row " + i + ": column index " + columns[k]
              + " is not increasing or not in [0, " + numFeatures + ")");
        }
        if (!Double.isFinite(values[k])) {
          throw new IllegalArgumentException("row " + i + ", column " + columns[k] + ": value " + values[k]);
        }
        previous = columns[k];
      }
    }
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
    this.values32 = null;
  }

  private CsrBlock(CsrBlock source, float[] values32) {
    super(source.labels, source.weights, source.numFeatures);
    this.rowStart = source.rowStart;
    this.columns = source.columns;
    this.values = null;
    this.values32 = values32;
  }

  /** The same rows with values rounded to float32 (the index arrays are shared). */
  public CsrBlock toFloat32() {
    if (values32 != null) {
      return this;
    }
    float[] rounded = new float[values.length];
    for (int k = 0; k < values.length; k++) {
      rounded[k] = (float) values[k];
      if (!Float.isFinite(rounded[k])) {
        throw new IllegalArgumentException("value " + values[k] + " does not fit in float32");
      }
    }
    return new CsrBlock(this, rounded);
  }

  /** Sets the bit of every column this block stores a value in. */
  void markColumns(java.util.BitSet into) {
    for (int c : columns) {
      into.set(c);
    }
  }

  public boolean isFloat32() {
    return values32 != null;
  }

  @Override
  public long storedValues() {
    return columns.length;
  }

  @Override
  public long sizeInBytes() {
    return (values != null ? 12L : 8L) * columns.length + 4L * rowStart.length + 8L * labels.length
        + (weights == null ? 0 : 8L * weights.length);
  }

  // The row loops, each written once per value width in a small method of its own. Choosing the width once a row (a
  // predictable branch) keeps each loop a straight run of loads the JIT compiles well (a width test inside the loop
  // made the float32 kernels two to three times slower), and small methods are inlined into the kernels' row loops
  // (bench/kernels.sh).

  /**
   * x_i . y with four partial sums: one sum is a chain of dependent additions, each waiting for the last (about four
   * cycles), which bounded this loop; four chains run side by side. The order of the additions is fixed, so the
   * result is the same bits on every run and partition layout.
   */
  @Override
  protected double dot(int i, double[] y) {
    return values != null ? dot(values, rowStart[i], rowStart[i + 1], y) : dot(values32, rowStart[i],
        rowStart[i + 1], y);
  }

  private double dot(double[] x, int start, int end, double[] y) {
    int[] c = columns;
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = start;
    for (; k + 3 < end; k += 4) {
      s0 += x[k] * y[c[k]];
      s1 += x[k + 1] * y[c[k + 1]];
      s2 += x[k + 2] * y[c[k + 2]];
      s3 += x[k + 3] * y[c[k + 3]];
    }
    for (; k < end; k++) {
      s0 += x[k] * y[c[k]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** As above for float32 values: a method of its own, so that each stays small enough for the JIT to inline. */
  private double dot(float[] x, int start, int end, double[] y) {
    int[] c = columns;
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int k = start;
    for (; k + 3 < end; k += 4) {
      s0 += x[k] * y[c[k]];
      s1 += x[k + 1] * y[c[k + 1]];
      s2 += x[k + 2] * y[c[k + 2]];
      s3 += x[k + 3] * y[c[k + 3]];
    }
    for (; k < end; k++) {
      s0 += x[k] * y[c[k]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  protected void addScaled(int i, double a, double[] y) {
    if (values != null) {
      addScaled(values, rowStart[i], rowStart[i + 1], a, y);
    } else {
      addScaled(values32, rowStart[i], rowStart[i + 1], a, y);
    }
  }

  private void addScaled(double[] x, int start, int end, double a, double[] y) {
    int[] c = columns;
    for (int k = start; k < end; k++) {
      y[c[k]] += a * x[k];
    }
  }

  private void addScaled(float[] x, int start, int end, double a, double[] y) {
    int[] c = columns;
    for (int k = start; k < end; k++) {
      y[c[k]] += a * x[k];
    }
  }

  @Override
  protected void addScaledSquares(int i, double a, double[] y) {
    int start = rowStart[i];
    int end = rowStart[i + 1];
    if (values != null) {
      double[] x = values;
      for (int k = start; k < end; k++) {
        y[columns[k]] += a * x[k] * x[k];
      }
    } else {
      float[] x = values32;
      for (int k = start; k < end; k++) {
        double v = x[k];
        y[columns[k]] += a * v * v;
      }
    }
  }

  @Override
  protected void dots(int i, double[] w, int outputs, double[] out) {
    for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      double x = value(k);
      int base = columns[k] * outputs;
      for (int o = 0; o < outputs; o++) {
        out[o] += x * w[base + o];
      }
    }
  }

  @Override
  protected void addOuter(int i, double[] a, int outputs, double[] y) {
    for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      double x = value(k);
      int base = columns[k] * outputs;
      for (int o = 0; o < outputs; o++) {
        y[base + o] += x * a[o];
      }
    }
  }

  @Override
  protected void addOuterSquares(int i, double[] a, int outputs, double[] y) {
    for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      double x = value(k);
      double x2 = x * x;
      int base = columns[k] * outputs;
      for (int o = 0; o < outputs; o++) {
        y[base + o] += x2 * a[o];
      }
    }
  }

  @Override
  protected double squaredNorm(int i) {
    double s = 0.0;
    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
      double x = value(k);
      s += x * x;
    }
    return s;
  }

  @Override
  protected int gatherRow(int i, int[] columns, double[] values) {
    int start = rowStart[i];
    int n = rowStart[i + 1] - start;
    System.arraycopy(this.columns, start, columns, 0, n);
    if (this.values != null) {
      System.arraycopy(this.values, start, values, 0, n);
    } else {
      for (int k = 0; k < n; k++) {
        values[k] = values32[start + k];
      }
    }
    return n;
  }

  @Override
  protected void scatterOuter(int i, double[] a, int outputs, double[] dest, int offset) {
    for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      double x = value(k);
      int base = offset + columns[k] * outputs;
      for (int o = 0; o < outputs; o++) {
        dest[base + o] = x * a[o];
      }
    }
  }

  /** Stored value k as a double (the multi-output loops spend K operations per value, so one branch is cheap). */
  private double value(int k) {
    return values != null ? values[k] : values32[k];
  }

  /** The same rows as a dense block {@code width >= numFeatures()} columns wide (for data that is mostly nonzero). */
  public DenseBlock toDense(int width) {
    if (width < numFeatures) {
      throw new IllegalArgumentException("width " + width + " is less than the " + numFeatures + " features");
    }
    double[] data = new double[Math.multiplyExact(labels.length, width)];
    for (int i = 0; i < labels.length; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        data[i * width + columns[k]] = value(k);
      }
    }
    return new DenseBlock(labels.clone(), weights == null ? null : weights.clone(), data, width);
  }

  /** The same rows spanning {@code width >= numFeatures()} columns (a declared dimension larger than the data's). */
  public CsrBlock widen(int width) {
    if (width < numFeatures) {
      throw new IllegalArgumentException("width " + width + " is less than the " + numFeatures + " features");
    }
    if (width == numFeatures) {
      return this;
    }
    CsrBlock wide = new CsrBlock(labels, weights, rowStart, columns, values != null ? values : toDouble(), width);
    return values32 != null ? wide.toFloat32() : wide;
  }

  private double[] toDouble() {
    double[] v = new double[values32.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = values32[k];
    }
    return v;
  }

  /** Appends rows one at a time; arrays grow geometrically and are trimmed by {@link #build}. */
  public static final class Builder {
    private double[] labels = new double[64];
    private double[] weights;                       // allocated on the first weight != 1
    private int[] rowStart = new int[65];
    private int[] columns = new int[256];
    private double[] values = new double[256];
    private int rows;
    private int nnz;
    private int maxColumn = -1;

    /** Adds a row (label in stored form) with weight s; indices must be strictly increasing and non-negative. */
    public Builder addRow(double label, double weight, int[] rowColumns, double[] rowValues, int length) {
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, rows * 2);
        rowStart = Arrays.copyOf(rowStart, rows * 2 + 1);
        if (weights != null) {
          weights = Arrays.copyOf(weights, rows * 2);
        }
      }
      if (weight != 1.0 && weights == null) {
        weights = new double[labels.length];
        Arrays.fill(weights, 0, rows, 1.0);
      }
      if (nnz + length > columns.length) {
        int capacity = Math.max(nnz + length, columns.length * 2);
        columns = Arrays.copyOf(columns, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      System.arraycopy(rowColumns, 0, columns, nnz, length);
      System.arraycopy(rowValues, 0, values, nnz, length);
      nnz += length;
      if (length > 0) {
        maxColumn = Math.max(maxColumn, rowColumns[length - 1]);
      }
      labels[rows] = label;
      if (weights != null) {
        weights[rows] = weight;
      }
      rows++;
      rowStart[rows] = nnz;
      return this;
    }

    public int rows() {
      return rows;
    }

    public long nnz() {
      return nnz;
    }

    /** One more than the largest column index added so far. */
    public int spannedFeatures() {
      return maxColumn + 1;
    }

    /** The packed block spanning {@code max(numFeatures, spannedFeatures())} columns. */
    public CsrBlock build(int numFeatures) {
      return new CsrBlock(Arrays.copyOf(labels, rows), weights == null ? null : Arrays.copyOf(weights, rows),
          Arrays.copyOf(rowStart, rows + 1), Arrays.copyOf(columns, nnz), Arrays.copyOf(values, nnz),
          Math.max(numFeatures, spannedFeatures()));
    }
  }
}
