package io.curvature.driver.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import io.curvature.workers.SoftmaxLoss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curvature's estimators as Spark ML stages, against MLlib's on the same DataFrames. */
class SparkMlTest {
  /** A DataFrame of the matrix: label, weight, features (dense vector) and x0..x{d-1} numeric columns. */
  static Dataset<Row> frame(RandomProblems.Matrix m, boolean binaryAs01) {
    List<Row> rows = new ArrayList<>();
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("weight", DataTypes.DoubleType)
        .add("features", new VectorUDT());
    for (int j = 0; j < m.cols(); j++) {
      schema = schema.add("x" + j, DataTypes.DoubleType);
    }
    for (int i = 0; i < m.rows(); i++) {
      Object[] cells = new Object[3 + m.cols()];
      double[] x = java.util.Arrays.copyOfRange(m.data(), i * m.cols(), (i + 1) * m.cols());
      cells[0] = binaryAs01 ? (m.labels()[i] > 0 ? 1.0 : 0.0) : m.labels()[i];
      cells[1] = m.weights() == null ? 1.0 : m.weights()[i];
      cells[2] = i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).toSparse();
      for (int j = 0; j < m.cols(); j++) {
        cells[3 + j] = x[j];
      }
      rows.add(RowFactory.create(cells));
    }
    return TestSpark.session().createDataFrame(rows, schema).repartition(2);
  }

  private static final Dataset<Row> BINARY = frame(RandomProblems.matrix(51, 600, 6, 0.8, 3.0, true, false), true);

  @Test
  void fitsMllibsObjectiveWithMllibsParamsAndCode() {
    for (boolean standardize : new boolean[] {true, false}) {
      for (boolean intercept : new boolean[] {true, false}) {
        // The same Java code as for MLlib's estimator, only the class name changed.
        CurvatureLogisticRegression lr = new CurvatureLogisticRegression().setMaxIter(100).setRegParam(0.02)
            .setElasticNetParam(0.0).setStandardization(standardize).setFitIntercept(intercept)
            .setWeightCol("weight");
        CurvatureLogisticRegressionModel ours = lr.fit(BINARY);
        LogisticRegressionModel mllib = new LogisticRegression().setMaxIter(200).setTol(1e-10).setRegParam(0.02)
            .setStandardization(standardize).setFitIntercept(intercept).setWeightCol("weight").fit(BINARY);
        double[] history = mllib.summary().objectiveHistory();
        double mllibObjective = history[history.length - 1];
        double oursObjective = ours.summary().objective();
        assertTrue(oursObjective <= mllibObjective * (1 + 1e-6), "ours " + oursObjective + ", MLlib's "
            + mllibObjective);
        assertEquals(mllibObjective, oursObjective, 1e-6 * mllibObjective, "the same objective");
        double[] history2 = ours.summary().objectiveHistory();
        assertEquals(oursObjective, history2[history2.length - 1], 0.0);
        assertEquals(history2.length, ours.summary().totalIterations());
        assertEquals(6, ours.numFeatures());
        assertEquals(2, ours.numClasses());
        assertEquals(intercept ? 1 : 0, ours.intercept() != 0 ? 1 : 0);
        for (int j = 0; j < 6; j++) {
          assertEquals(mllib.coefficients().apply(j), ours.coefficients().apply(j), 1e-3);
        }
        assertTrue(ours.summary().areaUnderROC() > 0.6 && ours.summary().accuracy() > 0.6);
      }
    }
  }

  @Test
  void theSummaryCarriesTheCurvatureAtTheModel() {
    CurvatureLogisticRegressionModel plain = new CurvatureLogisticRegression().setRegParam(0.02).setSolver("tron")
        .fit(BINARY);
    assertEquals(null, plain.summary().curvature(), "no diagnostics unless asked");
    assertTrue(plain.summary().cgSpectrum().steps() >= 1, "CG's estimates come free");
    CurvatureLogisticRegressionModel diagnosed = new CurvatureLogisticRegression().setRegParam(0.02)
        .setSolver("tron").setDiagnoseSteps(7).fit(BINARY);
    var c = diagnosed.summary().curvature();
    // 6 features and an intercept: 7 Lanczos steps span the space, so the Ritz values are the eigenvalues.
    assertTrue(c.hvps() <= 7 && c.lambdaMin() > 0 && c.lambdaMax() > c.lambdaMin(), c.toString());
    assertEquals(c.lambdaMax() / c.lambdaMin(), c.conditionNumber(), 1e-12 * c.conditionNumber());
    assertTrue(c.secondOrder() && c.gapBound() != null && c.gapBound() >= 0 && c.gapBound() < 1e-8, c.toString());
    var spectrum = diagnosed.summary().cgSpectrum();
    assertTrue(spectrum.largest() >= spectrum.smallest(), spectrum.toString());
  }

  @Test
  void cgMaxIterBoundsTheCgStepsOfEveryNewtonStep() {
    // rows enough that tron's preconditioner is a sample, not the Hessian itself: CG then needs several steps
    Dataset<Row> rows = frame(RandomProblems.matrix(52, 8000, 6, 0.8, 30.0, false, false), true);
    CurvatureLogisticRegression lr = new CurvatureLogisticRegression().setRegParam(1e-6).setSolver("newton-cg")
        .setStandardization(false).setTol(1e-10);
    // the last subproblem's CG steps (an iteration's count also holds those of rejected steps)
    int unbounded = lr.fit(rows).summary().cgSpectrum().steps();
    assertTrue(unbounded > 1, "the last subproblem needs more than one CG step: " + unbounded);
    CurvatureTrainingSummary bounded = lr.setCgMaxIter(1).fit(rows).summary();
    assertEquals(1, bounded.cgSpectrum().steps(), "at most one CG step per Newton step");
  }

  @Test
  void exportedModelsLoadInMllibAndPredictTheSame(@TempDir Path dir) throws Exception {
    CurvatureLogisticRegressionModel binary = new CurvatureLogisticRegression().setRegParam(0.01).fit(BINARY);
    assertExportAgrees(binary, dir.resolve("binary").toString());
    Dataset<Row> multi = frame(LossProblems.relabel(RandomProblems.matrix(52, 500, 5, 0.8, 1.0, false, false),
        new SoftmaxLoss(3), 2), false);
    CurvatureLogisticRegressionModel multinomial = new CurvatureLogisticRegression().setRegParam(0.01).fit(multi);
    assertEquals(3, multinomial.numClasses());
    assertExportAgrees(multinomial, dir.resolve("multi").toString());

    Dataset<Row> linear = frame(LossProblems.relabel(RandomProblems.matrix(53, 400, 5, 1.0, 1.0, false, false),
        io.curvature.workers.SquaredLoss.INSTANCE, 2), false);
    CurvatureLinearRegressionModel ours = new CurvatureLinearRegression().setRegParam(0.1).fit(linear);
    ours.exportToMllib(dir.resolve("linear").toString());
    LinearRegressionModel mllib = LinearRegressionModel.load(dir.resolve("linear").toString());
    List<Row> a = ours.transform(linear).select("prediction").collectAsList();
    List<Row> b = mllib.transform(linear).select("prediction").collectAsList();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getDouble(0), b.get(i).getDouble(0), 1e-12);
    }
  }

  private static void assertExportAgrees(CurvatureLogisticRegressionModel ours, String path) {
    ours.exportToMllib(path);
    LogisticRegressionModel mllib = LogisticRegressionModel.load(path);
    Dataset<Row> data = ours.numClasses() == 2 ? BINARY : null;
    if (data == null) {
      data = frame(LossProblems.relabel(RandomProblems.matrix(52, 500, 5, 0.8, 1.0, false, false),
          new SoftmaxLoss(3), 2), false);
    }
    List<Row> a = ours.transform(data).select("prediction", "probability", "rawPrediction").collectAsList();
    List<Row> b = mllib.transform(data).select("prediction", "probability", "rawPrediction").collectAsList();
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getDouble(0), b.get(i).getDouble(0), 0.0);
      assertArrayEquals(((Vector) a.get(i).get(1)).toArray(), ((Vector) b.get(i).get(1)).toArray(), 1e-12);
      assertArrayEquals(((Vector) a.get(i).get(2)).toArray(), ((Vector) b.get(i).get(2)).toArray(), 1e-12);
    }
  }

  /** VectorAssembler, then cross-validation over regParam with parallelism 2, as with MLlib's estimator. */
  @Test
  void crossValidationInAPipelinePicksWhatMllibPicksAndRepeatsBitForBit() {
    // Few informative rows and many noise features: a strong penalty is clearly right.
    RandomProblems.Matrix m = RandomProblems.matrix(54, 300, 12, 1.0, 1.0, false, false);
    Dataset<Row> data = frame(m, true);
    String[] inputs = new String[12];
    for (int j = 0; j < 12; j++) {
      inputs[j] = "x" + j;
    }
    VectorAssembler assembler = new VectorAssembler().setInputCols(inputs).setOutputCol("assembled");
    CurvatureLogisticRegression ours = new CurvatureLogisticRegression().setFeaturesCol("assembled");
    LogisticRegression mllib = new LogisticRegression().setFeaturesCol("assembled");
    double[] grid = {1e-4, 1.0, 10.0};
    double[] picks = new double[3];
    Vector[] coefficients = new Vector[2];
    for (int run = 0; run < 3; run++) {
      PipelineStage estimator = run < 2 ? ours : mllib;
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, estimator});
      ParamMap[] maps = new ParamGridBuilder()
          .addGrid(run < 2 ? ours.regParam() : mllib.regParam(), grid).build();
      CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(maps)
          .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(2).setSeed(7).setParallelism(2).fit(data);
      PipelineModel best = (PipelineModel) cv.bestModel();
      Object model = best.stages()[1];
      picks[run] = model instanceof CurvatureLogisticRegressionModel c ? c.getRegParam()
          : ((LogisticRegressionModel) model).getRegParam();
      if (run < 2) {
        coefficients[run] = ((CurvatureLogisticRegressionModel) model).coefficients();
      }
    }
    assertEquals(picks[2], picks[0], "MLlib picked " + picks[2] + ", Curvature " + picks[0]);
    assertEquals(picks[0], picks[1]);
    assertArrayEquals(coefficients[0].toArray(), coefficients[1].toArray(), 0.0, "two runs, the same bits");
  }

  @Test
  void savesAndLoadsEveryModelAndEstimator(@TempDir Path dir) throws Exception {
    CurvatureLogisticRegressionModel model = new CurvatureLogisticRegression().setRegParam(0.05).setThreshold(0.3)
        .fit(BINARY);
    String path = dir.resolve("lr").toString();
    model.write().overwrite().save(path);
    CurvatureLogisticRegressionModel loaded = CurvatureLogisticRegressionModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(0.3, loaded.getThreshold());
    assertEquals(0.05, loaded.getRegParam());
    assertArrayEquals(model.coefficients().toArray(), loaded.coefficients().toArray(), 0.0);
    assertEquals(model.intercept(), loaded.intercept(), 0.0);
    model.write().overwrite().save(path);                 // overwrite works on an existing model
    CurvatureLogisticRegression estimator = new CurvatureLogisticRegression().setRegParam(0.7).setSolver("lbfgs");
    estimator.write().overwrite().save(dir.resolve("estimator").toString());
    CurvatureLogisticRegression back = CurvatureLogisticRegression.load(dir.resolve("estimator").toString());
    assertEquals(0.7, back.getRegParam());
    assertEquals("lbfgs", back.getSolver());
    assertEquals(estimator.uid(), back.uid());
  }

  /** Every pass is a Spark job named for its solver, iteration and kind, in the fit's own job group. */
  @Test
  void passesAreNamedSparkJobsOfOneGroup() throws Exception {
    List<String[]> jobs = java.util.Collections.synchronizedList(new ArrayList<>());
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
        java.util.Properties p = start.properties();
        jobs.add(new String[] {p.getProperty("spark.job.description"), p.getProperty("spark.jobGroup.id")});
      }
    };
    TestSpark.session().sparkContext().addSparkListener(listener);
    CurvatureLogisticRegressionModel model;
    try {
      model = new CurvatureLogisticRegression().setSolver("tron").setRegParam(0.01).fit(BINARY);
      TestSpark.session().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      TestSpark.session().sparkContext().removeSparkListener(listener);
    }
    long passes = jobs.stream().filter(j -> j[0] != null && j[0].matches("curvature tron iteration \\d+: .*"))
        .count();
    assertEquals(model.summary().passes(), passes, "one Spark job a pass");
    assertTrue(jobs.stream().anyMatch(j -> j[0] != null && j[0].endsWith(": Hessian-vector product")));
    String group = jobs.stream().filter(j -> j[0] != null && j[0].startsWith("curvature tron")).findFirst()
        .orElseThrow()[1];
    assertTrue(group != null && group.startsWith("curvature-" + model.uid()), group);
  }

  /** A model saved by this version: later versions must keep loading it. */
  @Test
  void loadsTheGoldenSavedModel() throws Exception {
    String path = Path.of(getClass().getResource("/golden-sparkml-logistic").toURI()).toString();
    CurvatureLogisticRegressionModel m = CurvatureLogisticRegressionModel.load(path);
    assertEquals("curvatureLogreg_golden0001", m.uid());
    assertEquals("assembled", m.getFeaturesCol());
    assertEquals(0.01, m.getRegParam());
    assertEquals(3, m.numClasses());
    assertArrayEquals(new double[] {0.5, -0.25, -0.25}, m.interceptVector().toArray(), 0.0);
    assertArrayEquals(new double[] {1, 0, -1, -1, 2, -1}, m.coefficientMatrix().toArray(), 0.0);   // column-major
    Vector raw = m.predictRaw(Vectors.dense(0, 2));
    assertArrayEquals(new double[] {-1.5, 3.75, -2.25}, raw.toArray(), 1e-15);
    assertEquals(1.0, m.predict(Vectors.dense(0, 2)));
  }

  @Test
  void badParamsAndColumnsFailWithMllibsMessages() {
    CurvatureLogisticRegression lr = new CurvatureLogisticRegression();
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> lr.setRegParam(-1));
    assertEquals(lr.uid() + " parameter regParam given invalid value -1.0.", negative.getMessage());
    IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class, () -> lr.setElasticNetParam(2));
    assertTrue(alpha.getMessage().contains("parameter elasticNetParam given invalid value 2.0"), alpha.getMessage());
    Exception missing = assertThrows(Exception.class, () -> new CurvatureLogisticRegression()
        .setFeaturesCol("nope").fit(BINARY));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    Dataset<Row> stringLabel = BINARY.withColumn("label", BINARY.col("label").cast("string"));
    Exception string = assertThrows(IllegalArgumentException.class, () -> new CurvatureLogisticRegression()
        .fit(stringLabel));
    assertTrue(string.getMessage().contains("Column label must be of type numeric but was actually of type string"),
        string.getMessage());
    Dataset<Row> badLabel = BINARY.withColumn("label", org.apache.spark.sql.functions.lit(0.5));
    Exception half = assertThrows(Exception.class, () -> new CurvatureLogisticRegression().setFamily("binomial")
        .fit(badLabel));
    assertTrue(half.getMessage().contains("label 0.5 is not binary") && half.getMessage().contains("label=0.5"),
        half.getMessage());
  }
}
