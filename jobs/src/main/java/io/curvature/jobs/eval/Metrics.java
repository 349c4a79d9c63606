package io.curvature.jobs.eval;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.spark.LoadedData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import scala.Tuple3;

/**
 * A model's quality on labelled data, computed on the executors from the cached blocks (row weights honoured):
 * for binary logistic regression AUC-ROC, AUC-PR, log loss, accuracy, the confusion matrix at the model's threshold
 * and a calibration table; for the SVM the same but the probability-based ones; for multinomial accuracy, log loss
 * and per-class precision, recall and F1; for the regressions RMSE, MAE, R^2 and the deviance.
 */
public final class Metrics {
  private Metrics() {}

  /** Probability bins of the calibration table. */
  static final int BINS = 10;

  /** Row-level margins, label (0/1 for binary, the class, or the response) and weight, per row. */
  private static JavaRDD<double[]> rows(GlmModel model, LoadedData data) {
    double[] w = model.point();
    int outputs = model.outputs();
    boolean intercept = model.fitIntercept();
    boolean binary = model.kind().labelDomain() == io.curvature.workers.LabelDomain.BINARY;
    int width = model.numFeatures();
    return data.sums().blocks().flatMap(b -> {
      if (b.numFeatures() > width) {
        throw new IllegalArgumentException("the data has " + b.numFeatures() + " features, the model " + width);
      }
      double[] margins = new double[b.rows() * outputs];
      b.margins(w, outputs, intercept, margins);
      List<double[]> out = new ArrayList<>(b.rows());
      for (int i = 0; i < b.rows(); i++) {
        double[] r = new double[outputs + 2];
        System.arraycopy(margins, i * outputs, r, 0, outputs);
        r[outputs] = binary ? (b.label(i) > 0 ? 1.0 : 0.0) : b.label(i);
        r[outputs + 1] = b.weight(i);
        out.add(r);
      }
      return out.iterator();
    });
  }

  /** The metrics of {@code model} on {@code data}, as an ordered map for JSON and the console table. */
  public static Map<String, Object> of(GlmModel model, LoadedData data) {
    if (data.sums().summary().numFeatures() > model.numFeatures()) {
      throw new IllegalArgumentException("the data has " + data.sums().summary().numFeatures()
          + " features, more than the model's " + model.numFeatures());
    }
    JavaRDD<double[]> rows = rows(model, data).cache();
    try {
      return switch (model.kind()) {
        case LOGISTIC, SVM, SIGMOID -> binary(model, rows);
        case MULTINOMIAL -> multinomial(model, rows);
        case LINEAR, POISSON -> regression(model, rows);
      };
    } finally {
      rows.unpersist(false);
    }
  }

  private static Map<String, Object> binary(GlmModel model, JavaRDD<double[]> rows) {
    boolean logistic = model.kind() == ModelKind.LOGISTIC;
    double threshold = model.threshold();
    // weight, TN, FP, FN, TP, log loss sum; calibration bins: weight, predicted sum, positive weight
    double[] sums = rows.aggregate(new double[6 + 3 * BINS], (acc, r) -> {
      double m = r[0];
      double y = r[1];
      double s = r[2];
      double p = sigmoid(m);
      boolean predicted = logistic ? p > threshold : m > threshold;
      acc[0] += s;
      acc[1 + (y > 0 ? 2 : 0) + (predicted ? 1 : 0)] += s;
      acc[5] += s * (y > 0 ? log1pExp(-m) : log1pExp(m));
      int bin = Math.min(BINS - 1, (int) (p * BINS));
      acc[6 + 3 * bin] += s;
      acc[7 + 3 * bin] += s * p;
      acc[8 + 3 * bin] += s * y;
      return acc;
    }, Metrics::add);
    JavaRDD<Tuple3<Object, Object, Object>> scored = rows.map(r -> new Tuple3<>(logistic ? sigmoid(r[0]) : r[0],
        r[1], r[2]));
    BinaryClassificationMetrics bcm = new BinaryClassificationMetrics(scored.rdd(), 0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.kind().cliName());
    out.put("weightSum", sums[0]);               // rows when unweighted
    out.put("areaUnderROC", bcm.areaUnderROC());
    out.put("areaUnderPR", bcm.areaUnderPR());
    if (logistic) {
      out.put("logLoss", sums[5] / sums[0]);
    }
    out.put("accuracy", (sums[1] + sums[4]) / sums[0]);
    out.put("threshold", threshold);
    out.put("confusionMatrix", Map.of("trueNegatives", sums[1], "falsePositives", sums[2], "falseNegatives", sums[3],
        "truePositives", sums[4]));
    if (logistic) {
      List<Map<String, Object>> table = new ArrayList<>();
      for (int b = 0; b < BINS; b++) {
        double weight = sums[6 + 3 * b];
        Map<String, Object> bin = new LinkedHashMap<>();
        bin.put("from", (double) b / BINS);
        bin.put("to", (double) (b + 1) / BINS);
        bin.put("weight", weight);
        bin.put("meanPredicted", weight > 0 ? sums[7 + 3 * b] / weight : Double.NaN);
        bin.put("observedRate", weight > 0 ? sums[8 + 3 * b] / weight : Double.NaN);
        table.add(bin);
      }
      out.put("calibration", table);
    }
    return out;
  }

  private static Map<String, Object> multinomial(GlmModel model, JavaRDD<double[]> rows) {
    int k = model.outputs();
    // weight, log loss; then the K x K confusion (true class row, predicted column)
    double[] sums = rows.aggregate(new double[2 + k * k], (acc, r) -> {
      int y = (int) r[k];
      double s = r[k + 1];
      double max = Double.NEGATIVE_INFINITY;
      int best = 0;
      for (int c = 0; c < k; c++) {
        if (r[c] > max) {
          max = r[c];
          best = c;
        }
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(r[c] - max);
      }
      acc[0] += s;
      acc[1] += s * (Math.log(sum) + max - (y < k ? r[y] : max));
      if (y < k) {
        acc[2 + y * k + best] += s;
      }
      return acc;
    }, Metrics::add);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.kind().cliName());
    out.put("weightSum", sums[0]);               // rows when unweighted
    double right = 0;
    List<Map<String, Object>> classes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      double tp = sums[2 + c * k + c];
      double actual = 0;
      double predicted = 0;
      for (int o = 0; o < k; o++) {
        actual += sums[2 + c * k + o];
        predicted += sums[2 + o * k + c];
      }
      right += tp;
      double precision = predicted > 0 ? tp / predicted : 0;
      double recall = actual > 0 ? tp / actual : 0;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("class", c);
      row.put("precision", precision);
      row.put("recall", recall);
      row.put("f1", precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0);
      row.put("weight", actual);
      classes.add(row);
    }
    out.put("accuracy", right / sums[0]);
    out.put("logLoss", sums[1] / sums[0]);
    out.put("classes", classes);
    return out;
  }

  private static Map<String, Object> regression(GlmModel model, JavaRDD<double[]> rows) {
    boolean poisson = model.kind() == ModelKind.POISSON;
    // weight, sum s y, sum s y^2, sum s r^2, sum s |r|, deviance
    double[] sums = rows.aggregate(new double[6], (acc, r) -> {
      double mu = poisson ? Math.exp(r[0]) : r[0];
      double y = r[1];
      double s = r[2];
      double e = y - mu;
      acc[0] += s;
      acc[1] += s * y;
      acc[2] += s * y * y;
      acc[3] += s * e * e;
      acc[4] += s * Math.abs(e);
      acc[5] += poisson ? 2 * s * ((y > 0 ? y * Math.log(y / mu) : 0) - e) : s * e * e;
      return acc;
    }, Metrics::add);
    double mean = sums[1] / sums[0];
    double total = sums[2] - sums[0] * mean * mean;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.kind().cliName());
    out.put("weightSum", sums[0]);               // rows when unweighted
    out.put("rmse", Math.sqrt(sums[3] / sums[0]));
    out.put("mae", sums[4] / sums[0]);
    out.put("r2", total > 0 ? 1 - sums[3] / total : Double.NaN);
    out.put("deviance", sums[5]);
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  static double log1pExp(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
}
