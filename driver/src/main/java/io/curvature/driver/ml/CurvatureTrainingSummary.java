package io.curvature.driver.ml;

import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverResult;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a fit went, like MLlib's training summaries ({@link #objectiveHistory()}, {@link #totalIterations()}) plus
 * Curvature's: why the solver stopped, the passes over the data and their time, the solver chosen and why. For a
 * binary classifier, the metrics MLlib's binary summary gives on the training data ({@link #areaUnderROC()},
 * {@link #accuracy()}), computed when first asked.
 */
public class CurvatureTrainingSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SolverResult result;
  private final double loadSeconds;
  private final io.curvature.driver.diagnostics.CurvatureDiagnostics curvature;
  private final String labelCol;
  private final String rawPredictionCol;
  private final String predictionCol;
  private final transient Dataset<Row> predictions;
  private Double areaUnderRoc;
  private Double accuracy;

  CurvatureTrainingSummary(GlmFitter.Fitted fitted, Dataset<Row> predictions, String labelCol,
      String rawPredictionCol, String predictionCol) {
    this.result = fitted.result();
    this.loadSeconds = fitted.loadSeconds();
    this.curvature = fitted.curvature();
    this.predictions = predictions;
    this.labelCol = labelCol;
    this.rawPredictionCol = rawPredictionCol;
    this.predictionCol = predictionCol;
  }

  /**
   * The curvature at the fitted model (largest and smallest Hessian eigenvalues, condition number, gap bound) when
   * the estimator's diagnoseSteps was > 0; null otherwise.
   */
  public io.curvature.driver.diagnostics.CurvatureDiagnostics curvature() {
    return curvature;
  }

  /**
   * The eigenvalue estimates of the (preconditioned) Hessian the solver's last conjugate-gradient run gave for free
   * (null for solvers without CG).
   */
  public io.curvature.driver.solvers.CgSpectrum cgSpectrum() {
    return result.cgSpectrum();
  }

  /** The objective after each iteration, the starting point first (MLlib's layout). */
  public double[] objectiveHistory() {
    return result.history().stream().mapToDouble(IterationRecord::objective).toArray();
  }

  /** Iterations made (MLlib counts the starting point too: {@code objectiveHistory().length}). */
  public int totalIterations() {
    return result.history().size();
  }

  /** Why the solver stopped: CONVERGED, MAX_ITERATIONS, LINE_SEARCH_FAILED, ... */
  public String status() {
    return result.status().name();
  }

  /** A sentence on why it stopped (and, for auto, which solver it chose and why). */
  public String message() {
    return result.message();
  }

  /** The solver that ran (auto:tron when auto chose tron). */
  public String solver() {
    return result.solver();
  }

  /** Passes over the training data (Spark jobs over the cached blocks) during the fit. */
  public long passes() {
    return result.passes();
  }

  public double fitSeconds() {
    return result.seconds();
  }

  /** Seconds to pack and cache the training data. */
  public double loadSeconds() {
    return loadSeconds;
  }

  /** The final objective (MLlib's scaling, with its penalty). */
  public double objective() {
    return result.objective();
  }

  /** ||g|| at the model (the minimum-norm subgradient with an L1 part). */
  public double gradientNorm() {
    return result.gradientNorm();
  }

  /** The per-iteration records: objective, gradient norm, step, CG steps, passes, seconds. */
  public List<IterationRecord> history() {
    return result.history();
  }

  /** The model's predictions on the training data (the columns the model writes). */
  public Dataset<Row> predictions() {
    if (predictions == null) {
      throw new IllegalStateException("the training predictions are not kept after serialization");
    }
    return predictions;
  }

  /** Area under the ROC curve on the training data (binary classifiers). */
  public synchronized double areaUnderROC() {
    if (areaUnderRoc == null) {
      areaUnderRoc = new BinaryClassificationEvaluator().setLabelCol(labelCol).setRawPredictionCol(rawPredictionCol)
          .setMetricName("areaUnderROC").evaluate(predictions());
    }
    return areaUnderRoc;
  }

  /** Fraction of training rows predicted right. */
  public synchronized double accuracy() {
    if (accuracy == null) {
      accuracy = new MulticlassClassificationEvaluator().setLabelCol(labelCol).setPredictionCol(predictionCol)
          .setMetricName("accuracy").evaluate(predictions());
    }
    return accuracy;
  }
}
