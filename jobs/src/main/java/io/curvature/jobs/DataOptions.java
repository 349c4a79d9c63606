package io.curvature.jobs;

import io.curvature.driver.spark.CsvLoader;
import io.curvature.driver.spark.DataFrameLoader;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.workers.LabelDomain;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/**
 * Where a command's data is and how to read it: LIBSVM, CSV or Parquet from any Hadoop path (a file or a folder of
 * part files; gzip and bzip2 text as Hadoop reads it), the columns of a table, and how the rows are cached. Every
 * command reads through here, and through the one data layer in driver/spark.
 */
public final class DataOptions {
  @Option(names = "--data", required = true, paramLabel = "PATH",
      description = "Data: a file or folder on any Hadoop file system (file://, hdfs://, s3a://, local).")
  String data;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "libsvm, csv or parquet (default: from the extension, .libsvm/.svm/.txt, .csv, .parquet, "
          + "compressed ones too; else libsvm).")
  String format;

  @Option(names = "--features-col", paramLabel = "COLS",
      description = "Parquet: a vector column or comma-separated numeric columns (default: features); CSV: "
          + "comma-separated columns (default: every column but label and weight).")
  String featuresCol;

  @Option(names = "--label-col", defaultValue = "label", paramLabel = "COL",
      description = "The label column of CSV and Parquet data (default: ${DEFAULT-VALUE}).")
  String labelCol;

  @Option(names = "--weight-col", paramLabel = "COL", description = "A row-weight column of CSV and Parquet data.")
  String weightCol;

  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Partitions of the cached data (default: one per core).")
  int partitions;

  @Option(names = "--num-features", defaultValue = "0", paramLabel = "D",
      description = "Number of features (default: the largest index in the data).")
  int numFeatures;

  @Option(names = "--layout", defaultValue = "auto", paramLabel = "LAYOUT",
      description = "Packing of the cached rows: auto, sparse or dense (default: ${DEFAULT-VALUE}).")
  LibsvmLoader.Layout layout;

  @Option(names = "--precision", defaultValue = "float64", paramLabel = "PRECISION",
      description = "Cached sparse values: float64 (12 bytes/nnz) or float32 (8 bytes/nnz, values rounded to 24 bits)"
          + " (default: ${DEFAULT-VALUE}).")
  LibsvmLoader.Precision precision;

  @Option(names = "--storage-level", defaultValue = "MEMORY_ONLY", paramLabel = "LEVEL",
      description = "How the packed data is cached: MEMORY_ONLY, or MEMORY_AND_DISK for data larger than the "
          + "executors' storage memory (Spark's storage level names) (default: ${DEFAULT-VALUE}).")
  String storageLevel;

  org.apache.spark.storage.StorageLevel storage() {
    try {
      return org.apache.spark.storage.StorageLevel.fromString(storageLevel.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--storage-level is '" + storageLevel + "', expected a Spark storage level "
          + "such as MEMORY_ONLY or MEMORY_AND_DISK");
    }
  }

  /** The format named or inferred. */
  String format(Configuration conf) throws IOException {
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      if (!List.of("libsvm", "csv", "parquet").contains(f)) {
        throw new IllegalArgumentException("--format is '" + format + "', expected libsvm, csv or parquet");
      }
      return f;
    }
    Path path = new Path(data);
    String name = path.getName();
    FileSystem fs = path.getFileSystem(conf);
    if (fs.exists(path) && fs.getFileStatus(path).isDirectory()) {
      for (FileStatus f : fs.listStatus(path)) {
        if (f.isFile() && !f.getPath().getName().startsWith("_") && !f.getPath().getName().startsWith(".")) {
          name = f.getPath().getName();
          break;
        }
      }
    }
    return inferFormat(name);
  }

  /** libsvm, csv or parquet from a file name, compression suffixes ignored. */
  static String inferFormat(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.(gz|bz2|deflate|snappy|zst|lz4)$", "");
    if (n.endsWith(".csv")) {
      return "csv";
    }
    if (n.endsWith(".parquet")) {
      return "parquet";
    }
    return "libsvm";
  }

  /** Fails (exit 1) before Spark starts when the data path does not exist. */
  void checkExists(Configuration conf) throws IOException {
    Path path = new Path(data);
    if (!path.getFileSystem(conf).exists(path)) {
      throw new FileNotFoundException(Redaction.redact(data) + ": no such file or folder");
    }
  }

  /** Validates the numbers (exit 2 when wrong). */
  void validate() {
    storage();
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions is " + partitions + ", expected >= 1 (or 0 for one per core)");
    }
    if (numFeatures < 0) {
      throw new IllegalArgumentException("--num-features is " + numFeatures + ", expected >= 1");
    }
  }

  List<String> featureColumns() {
    return featuresCol == null || featuresCol.isBlank() ? List.of()
        : Arrays.stream(featuresCol.split(",")).map(String::strip).toList();
  }

  /** Reads, packs and caches the data for a model whose labels are {@code labels}. */
  LoadedData load(SparkSessions spark, LabelDomain labels) throws IOException {
    String f = format(spark.context().hadoopConfiguration());
    return switch (f) {
      case "csv" -> CsvLoader.load(spark.context(), data, partitions, layout, precision, labelCol, weightCol,
          featureColumns(), labels, storage());
      case "parquet" -> {
        Dataset<Row> frame = spark.session().read().parquet(data);
        List<String> cols = featureColumns();
        DataFrameLoader.Columns c = cols.size() > 1
            ? new DataFrameLoader.Columns(null, cols, labelCol, weightCol)
            : DataFrameLoader.Columns.of(cols.isEmpty() ? "features" : cols.get(0), labelCol, weightCol);
        if (c.features() != null && frame.schema().getFieldIndex(c.features()).isDefined()
            && !(frame.schema().apply(c.features()).dataType() instanceof org.apache.spark.ml.linalg.VectorUDT)) {
          c = new DataFrameLoader.Columns(null, List.of(c.features()), labelCol, weightCol);   // one numeric column
        }
        LoadedData loaded = DataFrameLoader.load(frame, c.locating(), labels, numFeatures, precision, layout,
            partitions);
        yield new LoadedData(data, loaded.sums(), loaded.loadSeconds());
      }
      default -> LibsvmLoader.load(spark.context(), data, partitions, numFeatures, layout, precision, labels,
          storage());
    };
  }
}
