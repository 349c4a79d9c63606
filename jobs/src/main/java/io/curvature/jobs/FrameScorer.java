package io.curvature.jobs;

import io.curvature.driver.model.GlmModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * predict on CSV and Parquet: the model scores the table's rows where they are, in one pass, with no label needed
 * (data to score has none) and the id columns asked for carried next to each prediction. The features are a vector
 * column or numeric columns, as train read them; {@code row} numbers the rows in the table's order.
 */
final class FrameScorer {
  private FrameScorer() {}

  /**
   * The predictions table: the id columns, then row, prediction, probability (null for models without), margin.
   *
   * @param features a vector column, or numeric columns in the model's feature order
   */
  static Dataset<Row> score(Dataset<Row> frame, String source, GlmModel model, List<String> features,
      List<String> ids) {
    StructType schema = frame.schema();
    for (String c : ids) {
      if (!schema.getFieldIndex(c).isDefined()) {
        throw new Failures.InputException(source + ": the id column '" + c + "' is not in the data " + List.of(
            schema.fieldNames()));
      }
    }
    boolean vector = features.size() == 1 && schema.getFieldIndex(features.get(0)).isDefined()
        && schema.apply(features.get(0)).dataType() instanceof VectorUDT;
    for (String c : features) {
      if (!schema.getFieldIndex(c).isDefined()) {
        throw new Failures.InputException(source + ": the features column '" + c + "' is not in the data " + List.of(
            schema.fieldNames()));
      }
      if (!vector && !(schema.apply(c).dataType() instanceof NumericType)) {
        throw new Failures.InputException(source + ": the feature column '" + c + "' is " + schema.apply(c).dataType()
            .catalogString() + ", expected a number or a vector");
      }
    }
    if (!vector && features.size() != model.numFeatures()) {
      throw new Failures.InputException(source + ": " + features.size() + " feature columns " + features
          + ", the model has " + model.numFeatures() + " features (choose them with --features-col)");
    }
    List<org.apache.spark.sql.Column> selected = new ArrayList<>();
    for (String c : ids) {
      selected.add(frame.col(c));
    }
    for (String c : features) {
      selected.add(vector ? frame.col(c) : frame.col(c).cast(DataTypes.DoubleType));
    }
    int k = ids.size();
    List<String> names = List.copyOf(features);
    boolean probabilities = model.probabilities(new double[model.outputs()]) != null;
    JavaRDD<Row> scored = frame.select(selected.toArray(new org.apache.spark.sql.Column[0])).toJavaRDD()
        .zipWithIndex().map(t -> {
          Row r = t._1();
          long index = t._2();
          String where = source + ": row " + index;
          double[] m = vector ? vectorMargins(model, r, k, where, names.get(0))
              : numericMargins(model, r, k, where, names);
          Object[] out = new Object[k + 4];
          for (int i = 0; i < k; i++) {
            out[i] = r.get(i);
          }
          out[k] = index;
          out[k + 1] = model.predict(m);
          out[k + 2] = model.probabilities(m);
          out[k + 3] = m;
          return RowFactory.create(out);
        });
    StructType out = new StructType();
    for (String c : ids) {
      StructField f = schema.apply(c);
      out = out.add(f.name(), f.dataType(), f.nullable());
    }
    out = out.add("row", DataTypes.LongType, false).add("prediction", DataTypes.DoubleType, false)
        .add("probability", DataTypes.createArrayType(DataTypes.DoubleType, false), probabilities)
        .add("margin", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    return frame.sparkSession().createDataFrame(scored, out);
  }

  private static double[] vectorMargins(GlmModel model, Row r, int k, String where, String column) {
    Object cell = r.get(k);
    if (cell == null) {
      throw new Failures.InputException(where + ": the features column '" + column + "' is null");
    }
    Vector v = (Vector) cell;
    if (v.size() > model.numFeatures()) {
      throw new Failures.InputException(where + ": a features vector of size " + v.size() + ", the model "
          + "has " + model.numFeatures() + " features");
    }
    double[] m = v instanceof SparseVector s ? model.margins(s.indices(), s.values())
        : model.margins(((DenseVector) v).values());
    return finite(m, where);
  }

  private static double[] numericMargins(GlmModel model, Row r, int k, String where, List<String> names) {
    double[] x = new double[names.size()];
    for (int j = 0; j < x.length; j++) {
      if (r.isNullAt(k + j)) {
        throw new Failures.InputException(where + ": feature column '" + names.get(j) + "' is null");
      }
      x[j] = r.getDouble(k + j);
      if (!Double.isFinite(x[j])) {
        throw new Failures.InputException(where + ": feature column '" + names.get(j) + "' is " + x[j]);
      }
    }
    return finite(model.margins(x), where);
  }

  private static double[] finite(double[] margins, String where) {
    for (double m : margins) {
      if (!Double.isFinite(m)) {
        throw new Failures.InputException(where + ": a non-finite feature value (margin " + m + ")");
      }
    }
    return margins;
  }
}
