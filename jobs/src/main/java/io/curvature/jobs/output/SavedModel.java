package io.curvature.jobs.output;

import java.util.Arrays;

/**
 * A trained binary logistic-regression model as written to {@code DIR/model/model.json}: P(y = +1 | x) =
 * sigma(coefficients.x + intercept), with the 0-based feature j being LIBSVM index j + 1.
 *
 * @param format        always {@link #FORMAT}, so that readers can tell the file apart
 * @param formatVersion {@link #VERSION}; readers reject versions they do not know
 * @param numFeatures   length of {@code coefficients}
 * @param fitIntercept  whether the intercept was fitted (else it is 0)
 * @param intercept     the intercept
 * @param coefficients  one weight per feature
 * @param regParam      the L2 regularization it was trained with (provenance)
 * @param solver        the solver that trained it (provenance)
 * @param objective     the training objective reached (provenance)
 */
public record SavedModel(String format, int formatVersion, int numFeatures, boolean fitIntercept, double intercept,
    double[] coefficients, double regParam, String solver, double objective) {
  public static final String FORMAT = "curvature-logistic-regression";
  public static final int VERSION = 1;

  public SavedModel {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("not a Curvature model: format is '" + format + "', expected '" + FORMAT
          + "'");
    }
    if (formatVersion != VERSION) {
      throw new IllegalArgumentException("model format version " + formatVersion + " is not supported (expected "
          + VERSION + ")");
    }
    if (coefficients == null || coefficients.length != numFeatures) {
      throw new IllegalArgumentException("model has " + (coefficients == null ? 0 : coefficients.length)
          + " coefficients, expected numFeatures = " + numFeatures);
    }
    coefficients = coefficients.clone();
  }

  /** The model of a solver's point w (features, then the intercept when fitted). */
  public static SavedModel of(double[] w, boolean fitIntercept, double regParam, String solver, double objective) {
    int d = fitIntercept ? w.length - 1 : w.length;
    return new SavedModel(FORMAT, VERSION, d, fitIntercept, fitIntercept ? w[d] : 0.0, Arrays.copyOf(w, d), regParam,
        solver, objective);
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The solver's coefficient layout: features, then the intercept when fitted. */
  public double[] point() {
    double[] w = Arrays.copyOf(coefficients, numFeatures + (fitIntercept ? 1 : 0));
    if (fitIntercept) {
      w[numFeatures] = intercept;
    }
    return w;
  }
}
