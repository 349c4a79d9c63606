package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import java.util.List;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Curvature models in MLlib's own on-disk format, so that existing scoring jobs that call
 * {@code LogisticRegressionModel.load(path)} or {@code LinearRegressionModel.load(path)} keep working: the metadata
 * MLlib's DefaultParamsWriter writes (class, uid, Spark version, params with MLlib's names), and one row of Parquet
 * with the columns MLlib's model data has, written by Spark with MLlib's vector and matrix types (public API only).
 */
final class MllibExport {
  private static final String LOGISTIC = "org.apache.spark.ml.classification.LogisticRegressionModel";
  private static final String LINEAR = "org.apache.spark.ml.regression.LinearRegressionModel";

  private MllibExport() {}

  static void logistic(CurvatureLogisticRegressionModel m, String path) {
    GlmModel glm = m.glm();
    SparkSession spark = SparkSession.active();
    boolean multinomial = glm.kind() == ModelKind.MULTINOMIAL;
    double[][] c = glm.coefficients();
    int d = glm.numFeatures();
    double[] rowMajor = new double[c.length * d];
    for (int k = 0; k < c.length; k++) {
      System.arraycopy(c[k], 0, rowMajor, k * d, d);
    }
    StructType schema = new StructType()
        .add("numClasses", DataTypes.IntegerType, false)
        .add("numFeatures", DataTypes.IntegerType, false)
        .add("interceptVector", SQLDataTypes.VectorType(), true)
        .add("coefficientMatrix", SQLDataTypes.MatrixType(), true)
        .add("isMultinomial", DataTypes.BooleanType, false);
    Row row = RowFactory.create(m.numClasses(), d, Vectors.dense(glm.intercepts()),
        new DenseMatrix(c.length, d, rowMajor, true), multinomial);
    String params = "{\"regParam\":" + m.getRegParam() + ",\"elasticNetParam\":" + m.getElasticNetParam()
        + ",\"fitIntercept\":" + m.getFitIntercept() + ",\"standardization\":" + m.getStandardization()
        + ",\"maxIter\":" + m.getMaxIter() + ",\"tol\":" + m.getTol() + ",\"threshold\":" + m.getThreshold()
        + ",\"family\":\"" + (multinomial ? "multinomial" : "binomial") + "\",\"featuresCol\":\""
        + m.getFeaturesCol() + "\",\"labelCol\":\"" + m.getLabelCol() + "\",\"predictionCol\":\""
        + m.getPredictionCol() + "\",\"probabilityCol\":\"" + m.getProbabilityCol() + "\",\"rawPredictionCol\":\""
        + m.getRawPredictionCol() + "\"" + weightCol(m) + "}";
    write(spark, path, LOGISTIC, m.uid(), params, schema, row);
  }

  static void linear(CurvatureLinearRegressionModel m, String path) {
    GlmModel glm = m.glm();
    SparkSession spark = SparkSession.active();
    StructType schema = new StructType()
        .add("intercept", DataTypes.DoubleType, false)
        .add("coefficients", SQLDataTypes.VectorType(), true)
        .add("scale", DataTypes.DoubleType, false);
    Row row = RowFactory.create(glm.intercepts()[0], Vectors.dense(glm.coefficients()[0]), 1.0);
    String params = "{\"regParam\":" + m.getRegParam() + ",\"elasticNetParam\":" + m.getElasticNetParam()
        + ",\"fitIntercept\":" + m.getFitIntercept() + ",\"standardization\":" + m.getStandardization()
        + ",\"maxIter\":" + m.getMaxIter() + ",\"tol\":" + m.getTol() + ",\"loss\":\"squaredError\""
        + ",\"featuresCol\":\"" + m.getFeaturesCol() + "\",\"labelCol\":\"" + m.getLabelCol()
        + "\",\"predictionCol\":\"" + m.getPredictionCol() + "\"" + weightCol(m) + "}";
    write(spark, path, LINEAR, m.uid(), params, schema, row);
  }

  private static String weightCol(CurvatureParams<?> m) {
    return m.getWeightCol().isEmpty() ? "" : ",\"weightCol\":\"" + m.getWeightCol().replace("\"", "\\\"") + "\"";
  }

  /**
   * The metadata JSON as DefaultParamsWriter writes it (timestamp a JSON integer, Spark's version), then the data.
   * The class is MLlib's, so MLlib's reader accepts it; the params carry MLlib's names only.
   */
  private static void write(SparkSession spark, String path, String className, String uid, String paramMap,
      StructType schema, Row row) {
    String metadata = "{\"class\":\"" + className + "\",\"timestamp\":" + System.currentTimeMillis()
        + ",\"sparkVersion\":\"" + spark.version() + "\",\"uid\":\"" + uid + "\",\"paramMap\":" + paramMap
        + ",\"defaultParamMap\":{}}";
    spark.createDataset(List.of(metadata), org.apache.spark.sql.Encoders.STRING()).coalesce(1).write()
        .mode(SaveMode.ErrorIfExists).text(path + "/metadata");
    spark.createDataFrame(List.of(row), schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
        .parquet(path + "/data");
  }
}
