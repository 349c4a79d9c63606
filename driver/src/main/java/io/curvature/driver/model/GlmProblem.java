package io.curvature.driver.model;

import io.curvature.driver.objective.BlockSums;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.FeatureMoments;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LabelSummary;
import io.curvature.driver.objective.Regularizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainingSpec} on given data: the labels checked for the model (both classes present, every class of a
 * multinomial model present), the features' standard deviations measured when the penalty needs them (one pass),
 * and the objective built in MLlib's scaling. Also turns a solver's point back into a {@link GlmModel}.
 *
 * <p>The objective is MLlib's for each model. Binary and multinomial logistic, Poisson and squared hinge:
 * (1/W) sum_i s_i l_i + lambda ((1 - alpha)/2 sum_j (p_j w_j)^2 + alpha sum_j p_j |w_j|), p_j the feature's
 * standard deviation with standardization, else 1. Least squares as MLlib's LinearRegression, whose L2 term is
 * divided by the labels' standard deviation sigma_y (it standardizes the label internally):
 * (1/(2W)) sum_i s_i (w.x_i + b - y_i)^2 + (lambda / sigma_y)(1 - alpha)/2 sum_j (p_j w_j)^2
 * + lambda alpha sum_j p_j |w_j|.
 */
public final class GlmProblem {
  private final TrainingSpec spec;
  private final int classes;
  private final double[] featureStd;
  private final GlmObjective objective;
  private final List<String> notes = new ArrayList<>();

  private GlmProblem(TrainingSpec spec, BlockSums sums) {
    this.spec = spec;
    DataSummary data = sums.summary();
    this.classes = checkLabels(spec.kind(), data);
    int d = data.numFeatures();
    int outputs = spec.kind().outputs(classes);
    this.featureStd = spec.standardize() ? sums.featureMoments().standardDeviations() : null;
    double l2Factor = 1.0;
    if (spec.kind() == ModelKind.LINEAR) {
      double sigmaY = data.labels().standardDeviation(data.weightSum());
      if (sigmaY == 0) {
        sigmaY = Math.abs(data.labels().mean(data.weightSum()));    // MLlib's fallback for constant labels
        notes.add("the labels are constant");
      }
      l2Factor = sigmaY > 0 ? 1.0 / sigmaY : 1.0;
    }
    if (featureStd != null) {
      int constant = 0;
      for (double s : featureStd) {
        constant += s == 0 ? 1 : 0;
      }
      if (constant > 0) {
        notes.add(constant + " features have no variance: with standardization their coefficients are 0, as MLlib's");
      }
    }
    Regularizer regularizer = Regularizer.elasticNet(d, outputs, spec.fitIntercept() ? outputs : 0,
        spec.regParam(), spec.elasticNet(), l2Factor, featureStd, featureStd != null);
    this.objective = new GlmObjective(sums, spec.kind().loss(classes), spec.fitIntercept(), regularizer,
        spec.kind().quadratic());
  }

  /** The problem of fitting {@code spec} to the data behind {@code sums}; throws on labels the model cannot fit. */
  public static GlmProblem of(BlockSums sums, TrainingSpec spec) {
    return new GlmProblem(spec, sums);
  }

  /** Checks the labels' summary for the model; returns the number of classes (2 binary, K multinomial, 0 else). */
  static int checkLabels(ModelKind kind, DataSummary data) {
    LabelSummary labels = data.labels();
    switch (kind) {
      case LOGISTIC, SVM, SIGMOID -> {
        // Blocks store binary labels as -1 / +1 (the loaders convert 0 / 1): a 0 would give its row no gradient
        // while its curvature still counts, a silently wrong objective. With the range within [-1, 1], the labels
        // are all +-1 exactly when their weighted squares sum to the weight.
        double[] classWeights = labels.classWeights();
        boolean signs = labels.min() >= -1 && labels.max() <= 1 && (classWeights.length == 0 || classWeights[0] == 0)
            && Math.abs(labels.weightedSumSquares() - data.weightSum()) <= 1e-9 * data.weightSum();
        if (!signs) {
          throw new IllegalArgumentException("binary labels of the cached blocks are not all -1 or +1 (range "
              + labels.min() + " to " + labels.max() + "): Curvature's loaders convert 0/1 labels, blocks built "
              + "by hand must hold -1/+1");
        }
        double positive = labels.positiveWeight(data.weightSum());
        if (labels.min() == labels.max()) {
          throw new IllegalArgumentException("every training label is " + (labels.max() > 0 ? "1" : "0 (or -1)")
              + ": a binary " + kind + " model needs rows of both classes");
        }
        if (!(positive > 0) || !(positive < data.weightSum())) {
          throw new IllegalArgumentException("one class has no weight: a binary model needs rows of both classes");
        }
        return 2;
      }
      case MULTINOMIAL -> {
        int k = labels.classes();
        if (k < 2) {
          throw new IllegalArgumentException("every training label is " + (int) labels.max()
              + ": a multinomial model needs at least two classes");
        }
        double[] weights = labels.classWeights();
        List<Integer> missing = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          if (c >= weights.length || !(weights[c] > 0)) {
            missing.add(c);
          }
        }
        if (!missing.isEmpty()) {
          String which = missing.size() > 1 ? "classes " + missing + " of 0.." + (k - 1) + " have"
              : "class " + missing.get(0) + " of 0.." + (k - 1) + " has";
          throw new IllegalArgumentException(which + " no rows: labels must be the classes 0 to K-1, each present "
              + "(a class without rows has no finite intercept)");
        }
        return k;
      }
      case POISSON -> {
        if (labels.max() == 0) {
          throw new IllegalArgumentException("every training label is 0: a Poisson model has no finite fit");
        }
        return 0;
      }
      default -> {
        return 0;
      }
    }
  }

  public TrainingSpec spec() {
    return spec;
  }

  public GlmObjective objective() {
    return objective;
  }

  /** Classes of a classifier (2 binary, K multinomial), 0 for a regression. */
  public int classes() {
    return classes;
  }

  /** The features' standard deviations, when the penalty used them (null otherwise). */
  public double[] featureStd() {
    return featureStd == null ? null : featureStd.clone();
  }

  /** Remarks on the data a report should show (constant labels, constant features), possibly none. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * The model at a solver's point. A multinomial model's intercepts are centered (softmax is unchanged by a common
   * shift, and they are unpenalized), and so are its coefficients per feature when nothing is penalized
   * (regParam 0), as MLlib does: the objective is the same, the answer unique.
   */
  public GlmModel model(double[] w, double threshold) {
    GlmModel m = GlmModel.fromPoint(w, objective.summary().numFeatures(), classes, spec, threshold);
    if (spec.kind() != ModelKind.MULTINOMIAL) {
      return m;
    }
    double[][] c = m.coefficients();
    double[] b = m.intercepts();
    if (spec.fitIntercept()) {
      center(b);
    }
    if (spec.regParam() == 0) {
      double[] column = new double[c.length];
      for (int j = 0; j < m.numFeatures(); j++) {
        for (int k = 0; k < c.length; k++) {
          column[k] = c[k][j];
        }
        center(column);
        for (int k = 0; k < c.length; k++) {
          c[k][j] = column[k];
        }
      }
    }
    return new GlmModel(m.kind(), m.numFeatures(), m.numClasses(), m.fitIntercept(), c, b, threshold, spec);
  }

  private static void center(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    for (int k = 0; k < v.length; k++) {
      v[k] -= mean;
    }
  }
}
