package io.curvature.driver.model;

import io.curvature.workers.LabelDomain;
import io.curvature.workers.LogisticLoss;
import io.curvature.workers.PoissonLoss;
import io.curvature.workers.RowLoss;
import io.curvature.workers.SigmoidLoss;
import io.curvature.workers.SoftmaxLoss;
import io.curvature.workers.SquaredHingeLoss;
import io.curvature.workers.SquaredLoss;
import java.util.Arrays;
import java.util.Locale;

/**
 * The models Curvature fits: each is one per-row loss from {@code workers/}, its label domain, and how a margin
 * becomes a prediction. Names are those of the command line ({@code --model}) and of model.json.
 */
public enum ModelKind {
  /** Binary logistic regression, P(y = 1 | x) = sigma(w.x + b) (MLlib's LogisticRegression, binomial). */
  LOGISTIC("logistic", LabelDomain.BINARY, true),
  /** Softmax over K classes, no reference class (MLlib's LogisticRegression, family multinomial). */
  MULTINOMIAL("multinomial", LabelDomain.CLASS_INDEX, true),
  /** Least squares (MLlib's LinearRegression). */
  LINEAR("linear", LabelDomain.REAL, false),
  /** Poisson regression, log link (MLlib's GeneralizedLinearRegression, family poisson). */
  POISSON("poisson", LabelDomain.COUNT, false),
  /** Linear SVM with the squared hinge (LIBLINEAR -s 2); predicts sign(w.x + b). */
  SVM("svm", LabelDomain.BINARY, true),
  /**
   * Binary classifier with the sigmoid loss 1 / (1 + exp(y (w.x + b))), a bounded smoothed ramp that tolerates label
   * noise; non-convex. Predicts sign(w.x + b), as the SVM (the loss is no likelihood, so no probabilities).
   */
  SIGMOID("sigmoid", LabelDomain.BINARY, true);

  private final String cliName;
  private final LabelDomain labels;
  private final boolean classifier;

  ModelKind(String cliName, LabelDomain labels, boolean classifier) {
    this.cliName = cliName;
    this.labels = labels;
    this.classifier = classifier;
  }

  /** The name on the command line and in model.json. */
  public String cliName() {
    return cliName;
  }

  public LabelDomain labelDomain() {
    return labels;
  }

  public boolean isClassifier() {
    return classifier;
  }

  /** Margins per row: the number of classes for multinomial, else 1. */
  public int outputs(int classes) {
    return this == MULTINOMIAL ? classes : 1;
  }

  /** The per-row loss; {@code classes} matters for multinomial only. */
  public RowLoss loss(int classes) {
    return switch (this) {
      case LOGISTIC -> LogisticLoss.INSTANCE;
      case MULTINOMIAL -> new SoftmaxLoss(classes);
      case LINEAR -> SquaredLoss.INSTANCE;
      case POISSON -> PoissonLoss.INSTANCE;
      case SVM -> SquaredHingeLoss.INSTANCE;
      case SIGMOID -> SigmoidLoss.INSTANCE;
    };
  }

  /** Whether the objective is convex: a property of the loss (sigmoid's is not), which the objective reports. */
  public boolean convex() {
    return loss(2).convex();
  }

  /** Whether the loss has constant curvature, so the objective is quadratic (one Newton step solves it). */
  public boolean quadratic() {
    return this == LINEAR;
  }

  /** The kind named {@code name} (case-insensitive), or an error listing the names. */
  public static ModelKind parse(String name) {
    for (ModelKind k : values()) {
      if (k.cliName.equalsIgnoreCase(name.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown model '" + name + "', expected one of "
        + Arrays.stream(values()).map(ModelKind::cliName).toList());
  }

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
