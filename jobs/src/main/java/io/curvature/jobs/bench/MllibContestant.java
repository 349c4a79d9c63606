package io.curvature.jobs.bench;

import io.curvature.driver.objective.GlmObjective;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Spark MLlib's {@code LogisticRegression} on the same file and the same objective: regParam = lambda,
 * elasticNetParam = 0, standardization off, the same intercept setting, labels mapped to 0/1, the data cached in as
 * many partitions. MLlib reports its objective after every iteration but not when; the curve spreads the fit time
 * evenly over its iterations (its iterations cost about the same), and its passes are the Spark jobs it ran.
 */
final class MllibContestant {
  private MllibContestant() {}

  record Outcome(double loadSeconds, double fitSeconds, int iterations, long jobs, double[] w, Curve curve) {}

  static Outcome run(SparkSession spark, String path, int numFeatures, double regParam, boolean fitIntercept,
      int partitions, int maxIter, double tol) {
    long loadStart = System.nanoTime();
    Dataset<Row> frame = spark.read().format("libsvm").option("numFeatures", numFeatures).load(path)
        .withColumn("label", functions.when(functions.col("label").gt(0), 1.0).otherwise(0.0))
        .repartition(partitions).persist(StorageLevel.MEMORY_ONLY());
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
    LogisticRegressionModel model;
    try {
      model = new LogisticRegression().setRegParam(regParam).setElasticNetParam(0.0).setStandardization(false)
          .setFitIntercept(fitIntercept).setMaxIter(maxIter).setTol(tol).fit(frame);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    double fitSeconds = (System.nanoTime() - start) * 1e-9;
    frame.unpersist(false);
    double[] history = model.summary().objectiveHistory();
    Curve curve = new Curve();
    for (int k = 0; k < history.length; k++) {
      curve.add(fitSeconds * (k + 1) / history.length, -1, history[k]);
    }
    double[] c = model.coefficients().toArray();
    double[] w = new double[c.length + (fitIntercept ? 1 : 0)];
    System.arraycopy(c, 0, w, 0, c.length);
    if (fitIntercept) {
      w[c.length] = model.intercept();
    }
    return new Outcome(loadSeconds, fitSeconds, history.length - 1, jobs.get(), w, curve);
  }

  /** MLlib's final objective recomputed by Curvature's objective (the same formula). */
  static double objective(GlmObjective f, double[] w) {
    return f.evaluate(w).value();
  }
}
