package io.curvature.driver.spark;

import io.curvature.workers.Block;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.LabelDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame's rows packed into cached blocks: a vector column (sparse or dense {@code Vector}) or, for convenience,
 * several numeric columns taken as the features in order; a numeric label column and an optional numeric weight
 * column. Rows are packed partition by partition, straight from the rows into the block's arrays, with no per-row
 * object kept. Each label is checked against the model's domain and each weight and value for finiteness; a bad one
 * fails the fit with the column and the offending row's values.
 *
 * <p>The packed blocks are the only copy Curvature caches: a DataFrame the user cached is read once and not persisted
 * again.
 */
public final class DataFrameLoader {
  private DataFrameLoader() {}

  /**
   * Where the data is.
   *
   * @param features a vector column, or null when {@code numericFeatures} are given
   * @param numericFeatures numeric columns taken as features 0, 1, ... (ignored when {@code features} is set)
   * @param weight a numeric column of row weights, or null for weight 1
   */
  public record Columns(String features, List<String> numericFeatures, String label, String weight,
      boolean locateRows) {
    public Columns(String features, List<String> numericFeatures, String label, String weight) {
      this(features, numericFeatures, label, weight, false);
    }

    public static Columns of(String features, String label, String weight) {
      return new Columns(features, List.of(), label, weight == null || weight.isEmpty() ? null : weight);
    }

    /** The same columns, errors naming the file and row of a file source (its hidden _metadata columns). */
    public Columns locating() {
      return new Columns(features, numericFeatures, label, weight, true);
    }
  }

  /**
   * Checks the columns' presence and types, with MLlib's wording ("Column label must be of type numeric but was
   * actually of type string."); returns the number of features a vector column's metadata declares, or the number
   * of numeric feature columns, or 0 when unknown.
   */
  public static int check(StructType schema, Columns c) {
    if (c.features() != null) {
      require(schema, c.features(), "features", t -> t instanceof VectorUDT, "struct<type:tinyint,size:int,"
          + "indices:array<int>,values:array<double>>");
    } else {
      if (c.numericFeatures().isEmpty()) {
        throw new IllegalArgumentException("no feature column given: set a vector column or numeric columns");
      }
      for (String name : c.numericFeatures()) {
        require(schema, name, "feature", t -> t instanceof NumericType, "numeric");
      }
    }
    require(schema, c.label(), "label", t -> t instanceof NumericType, "numeric");
    if (c.weight() != null) {
      require(schema, c.weight(), "weight", t -> t instanceof NumericType, "numeric");
    }
    return c.features() == null ? c.numericFeatures().size() : 0;
  }

  private static void require(StructType schema, String name, String role,
      java.util.function.Predicate<DataType> ok, String expected) {
    StructField field;
    try {
      field = schema.apply(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + role + " column '" + name + "' does not exist; the columns are "
          + Arrays.toString(schema.fieldNames()), e);
    }
    if (!ok.test(field.dataType())) {
      throw new IllegalArgumentException("Column " + name + " must be of type " + expected
          + " but was actually of type " + field.dataType().catalogString() + ".");
    }
  }

  /**
   * Packs and caches the rows of {@code data}. {@code partitions} 0 keeps the DataFrame's partitioning when it has no
   * more partitions than cores, else merges them down to one per core (every pass is one task a partition).
   */
  public static LoadedData load(Dataset<?> data, Columns c, LabelDomain labels, int numFeatures,
      LibsvmLoader.Precision precision, LibsvmLoader.Layout layout, int partitions) {
    long start = System.nanoTime();
    StructType schema = data.schema();
    int declared = Math.max(numFeatures, check(schema, c));
    List<Column> columns = new ArrayList<>();
    if (c.features() != null) {
      columns.add(functions.col(c.features()));
    } else {
      for (String name : c.numericFeatures()) {
        columns.add(functions.col(name).cast(DataTypes.DoubleType));
      }
    }
    columns.add(functions.col(c.label()).cast(DataTypes.DoubleType));
    columns.add(c.weight() == null ? functions.lit(1.0) : functions.col(c.weight()).cast(DataTypes.DoubleType));
    if (c.locateRows()) {
      columns.add(functions.col("_metadata.file_name"));
      columns.add(functions.col("_metadata.row_index"));
    }
    Dataset<Row> selected = data.select(columns.toArray(new Column[0]));
    int width = c.features() != null ? 1 : c.numericFeatures().size();
    boolean float32 = precision == LibsvmLoader.Precision.FLOAT32 && layout != LibsvmLoader.Layout.DENSE;
    String labelName = c.label();
    String weightName = c.weight();
    List<String> featureNames = c.features() != null ? List.of(c.features()) : c.numericFeatures();
    boolean vectorColumn = c.features() != null;
    JavaRDD<Block> blocks = selected.toJavaRDD().mapPartitions(rows -> {
      List<Block> out = new ArrayList<>();
      CsrBlock.Builder builder = new CsrBlock.Builder();
      int[] indices = new int[16];
      double[] values = new double[16];
      int size = vectorColumn ? 0 : width;            // the widest vector seen: a model spans the vectors' size
      while (rows.hasNext()) {
        Row row = rows.next();
        int nnz = 0;
        if (vectorColumn) {
          Object cell = row.get(0);
          if (cell == null) {
            throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
                "the features column '" + featureNames.get(0) + "' is null"));
          }
          Vector v = (Vector) cell;
          size = Math.max(size, v.size());
          if (v instanceof SparseVector sv) {
            int[] idx = sv.indices();
            double[] val = sv.values();
            if (idx.length > indices.length) {
              indices = new int[idx.length];
              values = new double[idx.length];
            }
            for (int t = 0; t < idx.length; t++) {
              if (val[t] != 0) {
                indices[nnz] = idx[t];
                values[nnz++] = val[t];
              }
            }
          } else {
            double[] val = ((DenseVector) v).values();
            if (val.length > indices.length) {
              indices = new int[val.length];
              values = new double[val.length];
            }
            for (int j = 0; j < val.length; j++) {
              if (val[j] != 0) {
                indices[nnz] = j;
                values[nnz++] = val[j];
              }
            }
          }
        } else {
          if (width > indices.length) {
            indices = new int[width];
            values = new double[width];
          }
          for (int j = 0; j < width; j++) {
            if (row.isNullAt(j)) {
              throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
                  "the feature column '" + featureNames.get(j) + "' is null"));
            }
            double x = row.getDouble(j);
            if (x != 0) {
              indices[nnz] = j;
              values[nnz++] = x;
            }
          }
        }
        for (int t = 0; t < nnz; t++) {
          if (!Double.isFinite(values[t])) {
            throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
                "feature " + indices[t] + " is " + values[t]));
          }
          if (declared > 0 && indices[t] >= declared) {
            throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
                "feature index " + indices[t] + " is beyond the " + declared + " features declared"));
          }
        }
        int labelAt = width;
        if (row.isNullAt(labelAt)) {
          throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
              "the label column '" + labelName + "' is null"));
        }
        double label = row.getDouble(labelAt);
        String problem = labels.problem(label);
        if (problem != null) {
          throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
              "label " + label + " " + problem));
        }
        double weight = row.isNullAt(labelAt + 1) ? Double.NaN : row.getDouble(labelAt + 1);
        if (!(weight >= 0) || Double.isInfinite(weight)) {
          throw new IllegalArgumentException(describe(row, featureNames, labelName, weightName,
              "weight " + weight + " is not a finite number >= 0"));
        }
        builder.addRow(labels.encode(label), weight, indices, values, nnz);
        if (builder.rows() == LibsvmLoader.MAX_BLOCK_ROWS) {
          CsrBlock b = builder.build(size);
          out.add(float32 ? b.toFloat32() : b);
          builder = new CsrBlock.Builder();
        }
      }
      if (builder.rows() > 0) {
        CsrBlock b = builder.build(size);
        out.add(float32 ? b.toFloat32() : b);
      }
      return out.iterator();
    });
    int cores = Math.max(1, blocks.context().defaultParallelism());
    int wanted = partitions > 0 ? partitions : Math.min(blocks.getNumPartitions(), cores);
    if (blocks.getNumPartitions() > wanted) {
      blocks = blocks.coalesce(wanted);
    } else if (blocks.getNumPartitions() < wanted) {
      blocks = blocks.repartition(wanted);
    }
    try {
      SparkBlockSums sums = LibsvmLoader.cache(blocks, declared, layout);
      return new LoadedData("DataFrame", sums, (System.nanoTime() - start) * 1e-9);
    } catch (RuntimeException e) {
      throw rowError(e);
    }
  }

  /** The sentence a user needs: "column 'label' ...: label 2.5 is not binary (row: label=2.5, weight=1, ...)". */
  static String describe(Row row, List<String> features, String label, String weight, String problem) {
    int width = features.size();
    StringBuilder b = new StringBuilder();
    if (row.length() == width + 4) {                 // located: file and row index follow the weight
      b.append(row.get(width + 2)).append(" row ").append(row.getLong(width + 3) + 1).append(": ");
    }
    b.append(problem).append(" in the row (");
    for (int j = 0; j < width; j++) {
      Object cell = row.get(j);
      String text = String.valueOf(cell);
      b.append(features.get(j)).append('=').append(text.length() > 80 ? text.substring(0, 80) + "..." : text)
          .append(", ");
    }
    b.append(label).append('=').append(row.get(width));
    if (weight != null) {
      b.append(", ").append(weight).append('=').append(row.get(width + 1));
    }
    return b.append(')').toString();
  }

  /** The first IllegalArgumentException a failed job carries (an executor's row check), else the failure. */
  private static RuntimeException rowError(RuntimeException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException e && e != failure) {
        return new IllegalArgumentException(e.getMessage(), failure);
      }
    }
    return failure;
  }
}
