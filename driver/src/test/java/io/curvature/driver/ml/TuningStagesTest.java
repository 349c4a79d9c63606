package io.curvature.driver.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.curvature.workers.RandomProblems;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Curvature's estimator after VectorAssembler and StandardScaler, tuned by TrainValidationSplit with parallel fits,
 * against the same pipeline with MLlib's LogisticRegression: the same regParam chosen, the same model to the
 * accuracy both solvers reach.
 */
class TuningStagesTest {
  @Test
  void trainValidationSplitAfterAStandardScalerPicksAndFitsWhatMllibDoes() {
    Dataset<Row> data = SparkMlTest.frame(RandomProblems.matrix(61, 500, 8, 1.0, 4.0, false, false), true);
    String[] inputs = new String[8];
    for (int j = 0; j < 8; j++) {
      inputs[j] = "x" + j;
    }
    VectorAssembler assembler = new VectorAssembler().setInputCols(inputs).setOutputCol("raw");
    StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("scaled").setWithMean(true);
    CurvatureLogisticRegression ours = new CurvatureLogisticRegression().setFeaturesCol("scaled").setTol(1e-10);
    LogisticRegression mllib = new LogisticRegression().setFeaturesCol("scaled").setTol(1e-12).setMaxIter(500);
    double[] grid = {1e-3, 3e-2, 1.0};
    double[] picks = new double[2];
    Vector[] coefficients = new Vector[2];
    for (int run = 0; run < 2; run++) {
      PipelineStage estimator = run == 0 ? ours : mllib;
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, estimator});
      ParamMap[] maps = new ParamGridBuilder().addGrid(run == 0 ? ours.regParam() : mllib.regParam(), grid).build();
      TrainValidationSplitModel tvs = new TrainValidationSplit().setEstimator(pipeline).setEstimatorParamMaps(maps)
          .setEvaluator(new BinaryClassificationEvaluator()).setTrainRatio(0.7).setSeed(3).setParallelism(2)
          .fit(data);
      Object model = ((PipelineModel) tvs.bestModel()).stages()[2];
      if (model instanceof CurvatureLogisticRegressionModel c) {
        picks[run] = c.getRegParam();
        coefficients[run] = c.coefficients();
      } else {
        picks[run] = ((LogisticRegressionModel) model).getRegParam();
        coefficients[run] = ((LogisticRegressionModel) model).coefficients();
      }
    }
    assertEquals(picks[1], picks[0], "MLlib picked " + picks[1] + ", Curvature " + picks[0]);
    for (int j = 0; j < 8; j++) {
      assertEquals(coefficients[1].apply(j), coefficients[0].apply(j), 1e-4 * (1 + Math.abs(coefficients[1].apply(j))),
          "coefficient " + j);
    }
  }
}
