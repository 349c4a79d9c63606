package io.curvature.driver.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;

/**
 * A trained model as written to {@code DIR/model/model.json}. Feature j (0-based) is LIBSVM index j + 1.
 *
 * <p>Version 2 (written now) holds every model kind: {@code model} (logistic, multinomial, linear, poisson, svm),
 * {@code numClasses} and {@code classes} (classifiers), the K x d {@code coefficientMatrix} and K {@code intercepts}
 * (K = classes for multinomial, else 1), {@code standardization}, the penalty ({@code regParam},
 * {@code elasticNetParam}) and the binary classifiers' {@code threshold}. For single-output models it also keeps the
 * version-1 fields {@code coefficients} (the one row) and {@code intercept}, so readers of version 1 read a binary
 * logistic model of version 2 unchanged. Version 1 (binary logistic only) still loads. The format's name is kept from
 * version 1.
 *
 * @param format        always {@link #FORMAT}, so that readers can tell the file apart
 * @param formatVersion 1 or 2; readers reject versions they do not know
 * @param solver        the solver that trained it (provenance)
 * @param objective     the training objective reached (provenance)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavedModel(String format, int formatVersion, String model, int numFeatures, Integer numClasses,
    double[] classes, boolean fitIntercept, Double intercept, double[] intercepts, double[] coefficients,
    double[][] coefficientMatrix, Boolean standardization, double regParam, Double elasticNetParam,
    Double threshold, String solver, double objective) {
  public static final String FORMAT = "curvature-logistic-regression";
  public static final int VERSION = 2;

  public SavedModel {
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("not a Curvature model: format is '" + format + "', expected '" + FORMAT
          + "'");
    }
    if (formatVersion != 1 && formatVersion != VERSION) {
      throw new IllegalArgumentException("model format version " + formatVersion + " is not supported (expected 1 or "
          + VERSION + ")");
    }
    if (formatVersion == 1) {
      if (coefficients == null || coefficients.length != numFeatures) {
        throw new IllegalArgumentException("model has " + (coefficients == null ? 0 : coefficients.length)
            + " coefficients, expected numFeatures = " + numFeatures);
      }
    } else {
      if (model == null || coefficientMatrix == null || intercepts == null) {
        throw new IllegalArgumentException("a version-2 model needs model, coefficientMatrix and intercepts");
      }
      ModelKind.parse(model);
      for (double[] row : coefficientMatrix) {
        if (row.length != numFeatures) {
          throw new IllegalArgumentException("a coefficientMatrix row has " + row.length
              + " entries, expected numFeatures = " + numFeatures);
        }
      }
    }
  }

  /** The record of a fitted model, with its provenance. */
  public static SavedModel of(GlmModel m, String solver, double objective) {
    boolean single = m.outputs() == 1;
    double[][] c = m.coefficients();
    double[] classes = null;
    if (m.kind().isClassifier()) {
      classes = new double[m.numClasses()];
      for (int k = 0; k < classes.length; k++) {
        classes[k] = k;
      }
    }
    boolean binary = m.kind() == ModelKind.LOGISTIC || m.kind() == ModelKind.SVM || m.kind() == ModelKind.SIGMOID;
    return new SavedModel(FORMAT, VERSION, m.kind().cliName(), m.numFeatures(),
        m.kind().isClassifier() ? m.numClasses() : null, classes, m.fitIntercept(),
        single ? m.intercepts()[0] : null, m.intercepts(), single ? c[0] : null, c, m.spec().standardize(),
        m.spec().regParam(), m.spec().elasticNet(), binary ? m.threshold() : null, solver, objective);
  }

  /** The model kind: version 1 files are binary logistic regression. */
  public ModelKind kind() {
    return formatVersion == 1 ? ModelKind.LOGISTIC : ModelKind.parse(model);
  }

  /** The fitted model. */
  public GlmModel toModel() {
    ModelKind kind = kind();
    double[][] matrix = formatVersion == 1 ? new double[][] {coefficients} : coefficientMatrix;
    double[] b = formatVersion == 1 ? new double[] {intercept} : intercepts;
    int classes = kind.isClassifier() ? (numClasses == null ? 2 : numClasses) : 0;
    double t = threshold != null ? threshold : kind == ModelKind.SVM || kind == ModelKind.SIGMOID ? 0.0 : 0.5;
    TrainingSpec spec = new TrainingSpec(kind, regParam, elasticNetParam == null ? 0 : elasticNetParam, fitIntercept,
        Boolean.TRUE.equals(standardization));
    return new GlmModel(kind, numFeatures, classes, fitIntercept, matrix, b, t, spec);
  }

  /** The solver's coefficient layout (feature-major, intercepts last when fitted). */
  public double[] point() {
    return toModel().point();
  }

  @Override
  public double[] coefficients() {
    return coefficients == null ? null : coefficients.clone();
  }
}
