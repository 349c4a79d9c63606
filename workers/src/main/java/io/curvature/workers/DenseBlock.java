package io.curvature.workers;

/** Dense rows stored row-major in one array: row i is {@code data[i*width .. (i+1)*width)}. 8 bytes a value. */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 1L;

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
  public double valueGradient(double[] w, boolean intercept, double[] gradient, double[] curvature,
      double[] diagonal) {
    int d = checkCoefficients(w, intercept);
    int width = numFeatures;
    double bias = intercept ? w[d] : 0.0;
    double[] derivatives = new double[2];
    double loss = 0.0;
    double biasGradient = 0.0;
    double diagonalBias = 0.0;
    for (int i = 0, offset = 0; i < labels.length; i++, offset += width) {
      double margin = bias;
      for (int j = 0; j < width; j++) {
        margin += data[offset + j] * w[j];
      }
      double s = weights == null ? 1.0 : weights[i];
      loss += s * LogisticLoss.evaluate(margin, labels[i], derivatives);
      double coefficient = s * derivatives[0];
      for (int j = 0; j < width; j++) {
        gradient[j] += coefficient * data[offset + j];
      }
      biasGradient += coefficient;
      double c = s * derivatives[1];
      curvature[i] = c;
      if (diagonal != null) {
        for (int j = 0; j < width; j++) {
          double x = data[offset + j];
          diagonal[j] += c * x * x;
        }
        diagonalBias += c;
      }
    }
    if (intercept) {
      gradient[d] += biasGradient;
      if (diagonal != null) {
        diagonal[d] += diagonalBias;
      }
    }
    return loss;
  }

  @Override
  public void hessianVector(double[] curvature, double[] v, boolean intercept, double[] out) {
    int d = checkCoefficients(v, intercept);
    int width = numFeatures;
    double vBias = intercept ? v[d] : 0.0;
    double outBias = 0.0;
    for (int i = 0, offset = 0; i < labels.length; i++, offset += width) {
      double xv = vBias;
      for (int j = 0; j < width; j++) {
        xv += data[offset + j] * v[j];
      }
      double c = curvature[i] * xv;
      for (int j = 0; j < width; j++) {
        out[j] += c * data[offset + j];
      }
      outBias += c;
    }
    if (intercept) {
      out[d] += outBias;
    }
  }

  @Override
  public void hessianDiagonal(double[] curvature, boolean intercept, double[] out) {
    int d = checkCoefficients(out, intercept);
    int width = numFeatures;
    double outBias = 0.0;
    for (int i = 0, offset = 0; i < labels.length; i++, offset += width) {
      double c = curvature[i];
      for (int j = 0; j < width; j++) {
        double x = data[offset + j];
        out[j] += c * x * x;
      }
      outBias += c;
    }
    if (intercept) {
      out[d] += outBias;
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
  protected void scatterRow(int i, double scale, double[] dest, int offset) {
    int row = i * numFeatures;
    for (int j = 0; j < numFeatures; j++) {
      dest[offset + j] = scale * data[row + j];
    }
  }

  @Override
  public void margins(double[] w, boolean intercept, double[] out) {
    int d = checkCoefficients(w, intercept);
    int width = numFeatures;
    double bias = intercept ? w[d] : 0.0;
    for (int i = 0, offset = 0; i < labels.length; i++, offset += width) {
      double margin = bias;
      for (int j = 0; j < width; j++) {
        margin += data[offset + j] * w[j];
      }
      out[i] = margin;
    }
  }
}
