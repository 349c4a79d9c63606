package io.curvature.driver.model;

import java.util.Arrays;

/**
 * A fitted model, the one record that model.json, the Spark ML models, the MLlib export and warm starts read and
 * write: the kind (its loss and link), the coefficients in original feature units, the intercepts, and how it was
 * penalized.
 *
 * @param coefficients K x d, row k for output k (K = classes for multinomial, else 1)
 * @param intercepts   K intercepts (zeros when not fitted)
 * @param numClasses   classes of a classifier (2 for binary ones), 0 for a regression
 * @param threshold    binary classifiers: the positive class is predicted when P(y = 1) > threshold (logistic) or
 *                     the margin exceeds it (svm); unused otherwise
 */
public record GlmModel(ModelKind kind, int numFeatures, int numClasses, boolean fitIntercept,
    double[][] coefficients, double[] intercepts, double threshold, TrainingSpec spec) implements java.io.Serializable {
  public GlmModel {
    int outputs = kind == ModelKind.MULTINOMIAL ? numClasses : 1;
    if (coefficients.length != outputs || intercepts.length != outputs) {
      throw new IllegalArgumentException("a " + kind + " model with " + numClasses + " classes has " + outputs
          + " rows of coefficients and intercepts, not " + coefficients.length + " and " + intercepts.length);
    }
    double[][] copy = new double[outputs][];
    for (int k = 0; k < outputs; k++) {
      if (coefficients[k].length != numFeatures) {
        throw new IllegalArgumentException("coefficient row " + k + " has " + coefficients[k].length
            + " entries, expected numFeatures = " + numFeatures);
      }
      for (double c : coefficients[k]) {
        if (!Double.isFinite(c)) {
          throw new IllegalArgumentException("coefficient row " + k + " holds " + c);
        }
      }
      copy[k] = coefficients[k].clone();
    }
    for (double b : intercepts) {
      if (!Double.isFinite(b)) {
        throw new IllegalArgumentException("an intercept is " + b);
      }
    }
    coefficients = copy;
    intercepts = intercepts.clone();
  }

  /** Margins per row. */
  public int outputs() {
    return coefficients.length;
  }

  @Override
  public double[][] coefficients() {
    double[][] copy = new double[coefficients.length][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = coefficients[k].clone();
    }
    return copy;
  }

  @Override
  public double[] intercepts() {
    return intercepts.clone();
  }

  /**
   * The model of a solver's point in the kernels' layout (feature-major: w[j K + k], then K intercepts when fitted).
   */
  public static GlmModel fromPoint(double[] w, int numFeatures, int numClasses, TrainingSpec spec, double threshold) {
    int outputs = spec.kind().outputs(numClasses);
    int expected = (numFeatures + (spec.fitIntercept() ? 1 : 0)) * outputs;
    if (w.length != expected) {
      throw new IllegalArgumentException("point has " + w.length + " coordinates, expected " + expected);
    }
    double[][] coefficients = new double[outputs][numFeatures];
    double[] intercepts = new double[outputs];
    for (int j = 0; j < numFeatures; j++) {
      for (int k = 0; k < outputs; k++) {
        coefficients[k][j] = w[j * outputs + k];
      }
    }
    if (spec.fitIntercept()) {
      System.arraycopy(w, numFeatures * outputs, intercepts, 0, outputs);
    }
    return new GlmModel(spec.kind(), numFeatures, numClasses, spec.fitIntercept(), coefficients, intercepts,
        threshold, spec);
  }

  /** The point in the kernels' layout (the inverse of {@link #fromPoint}); a warm start begins here. */
  public double[] point() {
    int outputs = outputs();
    double[] w = new double[(numFeatures + (fitIntercept ? 1 : 0)) * outputs];
    for (int j = 0; j < numFeatures; j++) {
      for (int k = 0; k < outputs; k++) {
        w[j * outputs + k] = coefficients[k][j];
      }
    }
    if (fitIntercept) {
      System.arraycopy(intercepts, 0, w, numFeatures * outputs, outputs);
    }
    return w;
  }

  /** The margins w_k.x + b_k of a sparse row (0-based indices below numFeatures). */
  public double[] margins(int[] indices, double[] values) {
    double[] m = intercepts.clone();
    for (int k = 0; k < m.length; k++) {
      double[] c = coefficients[k];
      double s = 0;
      for (int t = 0; t < indices.length; t++) {
        if (indices[t] < numFeatures) {
          s += c[indices[t]] * values[t];
        }
      }
      m[k] += s;
    }
    return m;
  }

  /** The margins of a dense row (entries past numFeatures are ignored). */
  public double[] margins(double[] x) {
    double[] m = intercepts.clone();
    int d = Math.min(x.length, numFeatures);
    for (int k = 0; k < m.length; k++) {
      double[] c = coefficients[k];
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += c[j] * x[j];
      }
      m[k] += s;
    }
    return m;
  }

  /**
   * The model's probabilities of each class from margins (logistic: [1 - p, p] with p = sigma(m); multinomial:
   * softmax), or null for models without probabilities (svm, regressions).
   */
  public double[] probabilities(double[] margins) {
    return switch (kind) {
      case LOGISTIC -> {
        double p = sigmoid(margins[0]);
        yield new double[] {1 - p, p};
      }
      case MULTINOMIAL -> {
        double max = Arrays.stream(margins).max().orElse(0);
        double[] p = new double[margins.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
          p[k] = Math.exp(margins[k] - max);
          sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
          p[k] /= sum;
        }
        yield p;
      }
      default -> null;
    };
  }

  /**
   * The prediction from margins: a class index for classifiers (binary: 1 above the threshold, else 0), the mean
   * response for regressions (exp(m) for Poisson).
   */
  public double predict(double[] margins) {
    return switch (kind) {
      case LOGISTIC -> sigmoid(margins[0]) > threshold ? 1.0 : 0.0;
      case SVM, SIGMOID -> margins[0] > threshold ? 1.0 : 0.0;
      case MULTINOMIAL -> {
        int best = 0;
        for (int k = 1; k < margins.length; k++) {
          if (margins[k] > margins[best]) {
            best = k;
          }
        }
        yield best;
      }
      case LINEAR -> margins[0];
      case POISSON -> Math.exp(margins[0]);
    };
  }

  private static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
