package io.curvature.jobs;

import io.curvature.driver.io.AtomicFiles;
import io.curvature.driver.io.ModelIo;
import io.curvature.driver.model.GlmModel;
import io.curvature.driver.spark.LoadedData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code predict}: a saved model's predictions for every row of the data, as Parquet written atomically: {@code row}
 * (the row's number in the input, 0-based, files in name order), {@code prediction} (a class, or the mean response),
 * {@code probability} (classifiers with probabilities: one per class) and {@code margin} (the raw scores). CSV and
 * Parquet need no label column, and {@code --id-col} carries columns (ids) next to each prediction.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Write a saved model's predictions for the data as Parquet (row, prediction, probability, margin).")
public final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model folder (train's DIR/model).")
  String model;

  @Mixin
  DataOptions data;

  @Option(names = "--output", required = true, paramLabel = "PATH", description = "The Parquet output (a folder).")
  String output;

  @Option(names = "--id-col", paramLabel = "COLS", split = ",",
      description = "CSV and Parquet: columns copied next to each prediction (a user or event id).")
  List<String> idCols = List.of();

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).") String master;

  @Option(names = "--config", paramLabel = "FILE", description = "Options from a JSON or properties file.")
  String config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Configuration conf = SparkSessions.hadoopConfiguration();
    Path out = new Path(output);
    if (!overwrite && out.getFileSystem(conf).exists(out)) {
      throw new CommandLine.ParameterException(spec.commandLine(), output + " exists: pass --overwrite to replace it");
    }
    GlmModel glm = ModelIo.read(new Path(model), conf).toModel();
    data.checkExists(conf);
    if (data.numFeatures == 0) {
      data.numFeatures = glm.numFeatures();
    }
    String format = data.format(conf);
    if (!format.equals("libsvm")) {
      try (SparkSessions spark = SparkSessions.start("curvature-predict", master);
           AutoCloseable quiet = SparkSessions.quietTaskFailures()) {
        return scoreTable(spark, format, glm, out);
      }
    }
    if (!idCols.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--id-col needs CSV or Parquet data: LIBSVM rows "
          + "have no id (the output's row numbers them)");
    }
    try (SparkSessions spark = SparkSessions.start("curvature-predict", master);
         LoadedData loaded = data.load(spark, io.curvature.workers.LabelDomain.REAL)) {
      JavaRDD<io.curvature.workers.Block> blocks = loaded.sums().blocks();
      // Row numbers: each partition's rows follow those of the partitions before it (input order is kept).
      List<Long> counts = blocks.mapPartitions(it -> {
        long n = 0;
        while (it.hasNext()) {
          n += it.next().rows();
        }
        return List.of(n).iterator();
      }).collect();
      long[] offsets = new long[counts.size()];
      for (int p = 1; p < offsets.length; p++) {
        offsets[p] = offsets[p - 1] + counts.get(p - 1);
      }
      double[] w = glm.point();
      boolean probabilities = glm.probabilities(new double[glm.outputs()]) != null;
      JavaRDD<Row> rows = blocks.mapPartitionsWithIndex((index, it) -> {
        List<Row> result = new ArrayList<>();
        long row = offsets[index];
        while (it.hasNext()) {
          io.curvature.workers.Block b = it.next();
          double[] margins = new double[b.rows() * glm.outputs()];
          b.margins(w, glm.outputs(), glm.fitIntercept(), margins);
          for (int i = 0; i < b.rows(); i++) {
            double[] m = java.util.Arrays.copyOfRange(margins, i * glm.outputs(), (i + 1) * glm.outputs());
            double[] p = glm.probabilities(m);
            result.add(RowFactory.create(row++, glm.predict(m), p, m));
          }
        }
        return result.iterator();
      }, true);
      StructType schema = new StructType().add("row", DataTypes.LongType, false)
          .add("prediction", DataTypes.DoubleType, false)
          .add("probability", DataTypes.createArrayType(DataTypes.DoubleType, false), probabilities)
          .add("margin", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
      AtomicFiles.replace(out, spark.context().hadoopConfiguration(), (fs, tmp) ->
          spark.session().createDataFrame(rows, schema).write().parquet(tmp.toString()));
      System.out.printf("wrote %d predictions to %s%n", offsets.length == 0 ? 0
          : offsets[offsets.length - 1] + counts.get(counts.size() - 1), output);
      return ExitCode.OK;
    }
  }

  /** CSV and Parquet: scored where they lie, with no label needed and the id columns kept. */
  private int scoreTable(SparkSessions spark, String format, GlmModel glm, Path out) throws Exception {
    Dataset<Row> frame = format.equals("parquet") ? spark.session().read().parquet(data.data)
        : spark.session().read().option("header", "true").option("inferSchema", "true").option("mode", "FAILFAST")
            .option("comment", "#").csv(data.data);
    List<String> features = data.featureColumns();
    if (features.isEmpty()) {
      if (format.equals("parquet")) {
        features = List.of("features");
      } else {
        features = new ArrayList<>();
        for (String c : frame.columns()) {
          if (!c.equals(data.labelCol) && !c.equals(data.weightCol) && !idCols.contains(c)) {
            features.add(c);
          }
        }
      }
    }
    Dataset<Row> scored = FrameScorer.score(frame, Redaction.redact(data.data), glm, features, idCols);
    AtomicFiles.replace(out, spark.context().hadoopConfiguration(), (fs, tmp) ->
        scored.write().parquet(tmp.toString()));
    long written = spark.session().read().parquet(output).count();
    System.out.printf("wrote %d predictions to %s%n", written, output);
    return ExitCode.OK;
  }
}
