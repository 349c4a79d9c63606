package io.curvature.jobs.bench;

import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.DataSummary;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * MLlib's counterpart of each model on the same file and the same objective, the data cached in as many partitions:
 * LogisticRegression (binomial or multinomial: regParam, elasticNetParam, standardization, fitIntercept as given,
 * binary labels mapped to 0/1), LinearRegression (its normal or l-bfgs solver) and GeneralizedLinearRegression
 * (Poisson, log link; its IRLS normalizes each step by the working weights, so with an intercept its regParam is
 * Curvature's divided by the mean label). The squared-hinge SVM has none (MLlib's LinearSVC uses the plain hinge):
 * LIBLINEAR -s 2 is its peer. MLlib reports its objective after every iteration but not when; the curve spreads the
 * fit time evenly over its iterations, and its passes are the Spark jobs it ran.
 */
final class MllibContestant {
  private MllibContestant() {}

  record Outcome(String estimator, double loadSeconds, double fitSeconds, int iterations, long jobs, double[] w,
      Curve curve) {}

  /** Whether MLlib has an estimator minimizing the same objective. */
  static boolean hasCounterpart(TrainingSpec spec) {
    return switch (spec.kind()) {
      case SVM, SIGMOID -> false;
      case POISSON -> spec.fitIntercept() && !spec.hasL1() && !spec.standardize();
      default -> true;
    };
  }

  static Outcome run(SparkSession spark, String path, DataSummary data, TrainingSpec spec, int partitions,
      int maxIter, double tol, String linearSolver) {
    if (!hasCounterpart(spec)) {
      throw new IllegalArgumentException("MLlib has no estimator with the objective of " + spec);
    }
    long loadStart = System.nanoTime();
    Dataset<Row> frame = spark.read().format("libsvm").option("numFeatures", data.numFeatures()).load(path);
    if (spec.kind().labelDomain() == io.curvature.workers.LabelDomain.BINARY) {
      frame = frame.withColumn("label", functions.when(functions.col("label").gt(0), 1.0).otherwise(0.0));
    }
    frame = frame.repartition(partitions).persist(StorageLevel.MEMORY_ONLY());
    frame.count();
    double loadSeconds = (System.nanoTime() - loadStart) * 1e-9;
    AtomicLong jobs = new AtomicLong();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    long start = System.nanoTime();
    double[][] coefficients;
    double[] intercepts;
    double[] history;
    String estimator;
    try {
      switch (spec.kind()) {
        case LOGISTIC, MULTINOMIAL -> {
          boolean multinomial = spec.kind() == ModelKind.MULTINOMIAL;
          estimator = "LogisticRegression(family=" + (multinomial ? "multinomial" : "binomial") + ")";
          LogisticRegressionModel m = new LogisticRegression().setRegParam(spec.regParam())
              .setElasticNetParam(spec.elasticNet()).setStandardization(spec.standardize())
              .setFitIntercept(spec.fitIntercept()).setFamily(multinomial ? "multinomial" : "binomial")
              .setMaxIter(maxIter).setTol(tol).fit(frame);
          Matrix c = m.coefficientMatrix();
          coefficients = new double[c.numRows()][c.numCols()];
          for (int k = 0; k < c.numRows(); k++) {
            for (int j = 0; j < c.numCols(); j++) {
              coefficients[k][j] = c.apply(k, j);
            }
          }
          intercepts = m.interceptVector().toArray();
          history = m.summary().objectiveHistory();
        }
        case LINEAR -> {
          estimator = "LinearRegression(solver=" + linearSolver + ")";
          LinearRegressionModel m = new LinearRegression().setRegParam(spec.regParam())
              .setElasticNetParam(spec.elasticNet()).setStandardization(spec.standardize())
              .setFitIntercept(spec.fitIntercept()).setSolver(linearSolver).setMaxIter(maxIter).setTol(tol)
              .fit(frame);
          coefficients = new double[][] {m.coefficients().toArray()};
          intercepts = new double[] {m.intercept()};
          history = m.summary().objectiveHistory();
        }
        case POISSON -> {
          double meanLabel = data.labels().mean(data.weightSum());
          estimator = String.format("GeneralizedLinearRegression(family=poisson, regParam=%.6g)",
              spec.regParam() / meanLabel);
          GeneralizedLinearRegressionModel m = new GeneralizedLinearRegression().setFamily("poisson")
              .setLink("log").setRegParam(spec.regParam() / meanLabel).setFitIntercept(true).setMaxIter(maxIter)
              .setTol(tol).fit(frame);
          coefficients = new double[][] {m.coefficients().toArray()};
          intercepts = new double[] {m.intercept()};
          history = new double[m.summary().numIterations() + 1];   // IRLS keeps no objective history
          java.util.Arrays.fill(history, Double.NaN);
        }
        default -> throw new IllegalStateException();
      }
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    double fitSeconds = (System.nanoTime() - start) * 1e-9;
    frame.unpersist(false);
    Curve curve = new Curve();
    for (int k = 0; k < history.length; k++) {
      if (!Double.isNaN(history[k])) {
        curve.add(fitSeconds * (k + 1) / history.length, -1, history[k]);
      }
    }
    return new Outcome(estimator, loadSeconds, fitSeconds, history.length - 1, jobs.get(),
        point(coefficients, intercepts, spec.fitIntercept()), curve);
  }

  /** Curvature's layout (feature-major, intercepts last) of a K x d coefficient matrix and K intercepts. */
  static double[] point(double[][] coefficients, double[] intercepts, boolean intercept) {
    int k = coefficients.length;
    int d = coefficients[0].length;
    double[] w = new double[(d + (intercept ? 1 : 0)) * k];
    for (int j = 0; j < d; j++) {
      for (int o = 0; o < k; o++) {
        w[j * k + o] = coefficients[o][j];
      }
    }
    if (intercept) {
      System.arraycopy(intercepts, 0, w, d * k, k);
    }
    return w;
  }
}
