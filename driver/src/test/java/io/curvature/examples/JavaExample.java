package io.curvature.examples;

import io.curvature.driver.ml.CurvatureLogisticRegression;
import io.curvature.driver.ml.CurvatureLogisticRegressionModel;
import io.curvature.driver.ml.CurvatureTrainingSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Curvature from Java (the README shows this file): MLlib's pipeline code with one class name changed, tuned by
 * cross-validation, saved with Spark ML's writer, and exported in MLlib's own format for a scoring job that loads
 * MLlib models. Runs in CI (JavaExampleTest).
 */
public final class JavaExample {
  private JavaExample() {}

  /** Fits, saves and exports under {@code dir}; returns the tuned pipeline. */
  public static PipelineModel run(SparkSession spark, String dir) throws IOException {
    Dataset<Row> training = data(spark);

    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3"})
        .setOutputCol("features");
    CurvatureLogisticRegression lr = new CurvatureLogisticRegression()      // was: new LogisticRegression()
        .setMaxIter(100).setElasticNetParam(0.0);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, lr});
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), new double[] {1e-3, 1e-2, 1e-1}).build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
        .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(3).setParallelism(2).setSeed(1)
        .fit(training);

    PipelineModel best = (PipelineModel) cv.bestModel();
    CurvatureLogisticRegressionModel model = (CurvatureLogisticRegressionModel) best.stages()[1];
    CurvatureTrainingSummary summary = model.summary();
    System.out.printf("regParam %s: %d iterations, %d passes, %s (solver %s), training AUC %.4f%n",
        model.getRegParam(), summary.totalIterations(), summary.passes(), summary.status(), summary.solver(),
        summary.areaUnderROC());

    best.write().overwrite().save(dir + "/pipeline");                      // PipelineModel.load reads it back
    model.exportToMllib(dir + "/mllib-model");                             // MLlib's format, for scoring jobs
    LogisticRegressionModel mllib = LogisticRegressionModel.load(dir + "/mllib-model");
    System.out.println("MLlib loaded the exported model: " + mllib.coefficients());
    return best;
  }

  /** A DataFrame of numeric columns, as users hold them. */
  public static Dataset<Row> data(SparkSession spark) {
    return spark.createDataFrame(rows(), new StructType().add("label", DataTypes.DoubleType)
        .add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType).add("x3", DataTypes.DoubleType));
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double x1 = Math.sin(i * 0.37) * 2;
      double x2 = Math.cos(i * 0.11);
      double x3 = Math.sin(i * 1.3);
      double label = x1 - 0.7 * x2 + 0.8 * Math.sin(i * 7.1) > 0 ? 1.0 : 0.0;
      rows.add(RowFactory.create(label, x1, x2, x3));
    }
    return rows;
  }
}
