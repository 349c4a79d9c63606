package io.curvature.workers;

/** Dense rows stored row-major in one array: row i is {@code data[i*width .. (i+1)*width)}. 8 bytes a value. */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 2L;

  private final double[] data;

  /** Takes ownership of {@code data} (rows x numFeatures, row-major); checks its length and finiteness. */
  public DenseBlock(double[] labels, double[] weights, double[] data, int numFeatures) {
    super(labels, weights, numFeatures);
    if ((long) labels.length * numFeatures != data.length) {
      throw new IllegalArgumentException("dense data has " + data.length + " values, expected " + labels.length
          + " rows x " + numFeatures + " features");
    }
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        throw new IllegalArgumentException(
            "row " + k / numFeatures + ", column " + k % numFeatures + ": value " + data[k]);
      }
    }
    this.data = data;
  }

  @Override
  public long storedValues() {
    return data.length;
  }

  @Override
  public long sizeInBytes() {
    return 8L * data.length + 8L * labels.length + (weights == null ? 0 : 8L * weights.length);
  }

  @Override
  protected double dot(int i, double[] y) {
    int offset = i * numFeatures;
    double s = 0.0;
    for (int j = 0; j < numFeatures; j++) {
      s += data[offset + j] * y[j];
    }
    return s;
  }

  @Override
  protected void addScaled(int i, double a, double[] y) {
    int offset = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      y[j] += a * data[offset + j];
    }
  }

  @Override
  protected void addScaledSquares(int i, double a, double[] y) {
    int offset = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      double x = data[offset + j];
      y[j] += a * x * x;
    }
  }

  @Override
  protected void dots(int i, double[] w, int outputs, double[] out) {
    int offset = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      double x = data[offset + j];
      int base = j * outputs;
      for (int o = 0; o < outputs; o++) {
        out[o] += x * w[base + o];
      }
    }
  }

  @Override
  protected void addOuter(int i, double[] a, int outputs, double[] y) {
    int offset = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      double x = data[offset + j];
      int base = j * outputs;
      for (int o = 0; o < outputs; o++) {
        y[base + o] += x * a[o];
      }
    }
  }

  @Override
  protected void addOuterSquares(int i, double[] a, int outputs, double[] y) {
    int offset = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      double x = data[offset + j];
      double x2 = x * x;
      int base = j * outputs;
      for (int o = 0; o < outputs; o++) {
        y[base + o] += x2 * a[o];
      }
    }
  }

  @Override
  protected double squaredNorm(int i) {
    double s = 0.0;
    for (int j = i * numFeatures, end = j + numFeatures; j < end; j++) {
      s += data[j] * data[j];
    }
    return s;
  }

  @Override
  protected int gatherRow(int i, int[] columns, double[] values) {
    int row = i * numFeatures;
    int n = 0;
    for (int j = 0; j < numFeatures; j++) {
      double x = data[row + j];
      if (x != 0.0) {                                // a zero adds nothing to any sum over the row
        columns[n] = j;
        values[n++] = x;
      }
    }
    return n;
  }

  @Override
  protected void scatterOuter(int i, double[] a, int outputs, double[] dest, int offset) {
    int row = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      double x = data[row + j];
      int base = offset + j * outputs;
      for (int o = 0; o < outputs; o++) {
        dest[base + o] = x * a[o];
      }
    }
  }
}
