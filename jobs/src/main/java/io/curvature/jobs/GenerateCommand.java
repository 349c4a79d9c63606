package io.curvature.jobs;

import io.curvature.driver.model.ModelKind;
import io.curvature.jobs.data.SyntheticData;
import io.curvature.driver.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: deterministic synthetic LIBSVM data from a planted sparse model, any size. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write synthetic LIBSVM data from a planted sparse model; the same seed gives the same bytes.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--rows", paramLabel = "N", description = "Rows to generate (required unless --fashion-mnist).")
  Long rows;
  @Option(names = "--features", paramLabel = "D", description = "Features (required unless --fashion-mnist).")
  Integer features;
  @Option(names = "--fashion-mnist",
      description = "Instead: write Debian's Fashion-MNIST (apt-get install dataset-fashion-mnist) as LIBSVM into the "
          + "--output folder: fmnist-{train,test}.{binary,multi}.libsvm.") boolean fashionMnist;
  @Option(names = "--nnz-per-row", defaultValue = "20", paramLabel = "K",
      description = "Nonzeros in every row (default: ${DEFAULT-VALUE}).") int nnzPerRow;
  @Option(names = "--informative", defaultValue = "0.2", paramLabel = "F",
      description = "Fraction of features with a planted weight (default: ${DEFAULT-VALUE}).") double informative;
  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Row i depends only on (seed, i) (default: ${DEFAULT-VALUE}).") long seed;
  @Option(names = "--output", required = true, paramLabel = "PATH",
      description = "A file (with --parts 1) or a folder of part files (any Hadoop FS).") String output;
  @Option(names = "--parts", defaultValue = "1", paramLabel = "P",
      description = "1 writes one file from the driver; more writes P part files in parallel on Spark.") int parts;
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).") String master;
  @Option(names = "--model", defaultValue = "logistic", paramLabel = "MODEL",
      description = "The planted model the labels follow: logistic, multinomial, linear, poisson, svm or sigmoid "
          + "(default: ${DEFAULT-VALUE}).") String model;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
  @Option(names = "--classes", defaultValue = "10", paramLabel = "K",
      description = "Classes of multinomial data (default: ${DEFAULT-VALUE}).") int classes;
  @Option(names = "--fm-factors", defaultValue = "0", paramLabel = "K",
      description = "Plant a factorization machine with K factors (logistic only): binary features with the same "
          + "power-law popularity, labels from sigma(w*.x + sum_{j<l} <v*_j, v*_l> x_j x_l) with v*_j planted on the "
          + "informative features; a click log with interactions (default: ${DEFAULT-VALUE}, the linear model).")
  int fmFactors;
  @Option(names = "--binary",
      description = "Every value 1: binary features with the same power-law popularity (one-hot categoricals, click "
          + "logs), instead of values in [0.5, 1.5).") boolean binary;

  @Override
  public Integer call() throws Exception {
    if (fashionMnist) {
      if (!io.curvature.jobs.data.FashionMnist.installed()) {
        throw new java.io.FileNotFoundException(io.curvature.jobs.data.FashionMnist.INSTALLED
            + ": Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
      }
      io.curvature.jobs.data.FashionMnist.writeAll(java.nio.file.Paths.get(output));
      System.out.println("wrote Fashion-MNIST LIBSVM files to " + output);
      return ExitCode.OK;
    }
    if (rows == null || features == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "generate needs --rows and --features (or --fashion-mnist)");
    }
    SyntheticData gen;
    try {
      gen = new SyntheticData(rows, features, nnzPerRow, informative, seed, ModelKind.parse(model), classes,
          fmFactors);
      if (binary) {
        gen.binaryValues();
      }
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);   // exit 2
    }
    if (parts < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parts is " + parts
          + ", expected >= 1");
    }
    long start = System.nanoTime();
    if (parts == 1) {
      writeSingleFile(gen, new Path(output), new Configuration());
    } else {
      try (SparkSessions spark = SparkSessions.start("curvature-generate", master)) {
        writeParts(gen, new Path(output), spark);
      }
    }
    System.out.printf("wrote %d rows x %d features (%d nonzeros a row) to %s in %.1fs%n", rows, features, nnzPerRow,
        output, (System.nanoTime() - start) * 1e-9);
    return ExitCode.OK;
  }

  /** Rows [from, to) of {@code gen} into {@code path}. */
  static void writeRows(SyntheticData gen, long from, long to, FileSystem fs, Path path) throws IOException {
    try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(path, false), StandardCharsets.US_ASCII),
        1 << 20)) {
      StringBuilder line = new StringBuilder(512);
      for (long i = from; i < to; i++) {
        line.setLength(0);
        gen.appendRow(i, line);
        w.append(line);
      }
    }
  }

  public static void writeSingleFile(SyntheticData gen, Path target, Configuration conf) throws IOException {
    AtomicFiles.replace(target, conf, (fs, tmp) -> writeRows(gen, 0, gen.rows(), fs, tmp));
  }

  private void writeParts(SyntheticData gen, Path target, SparkSessions spark) throws IOException {
    SerializableConfiguration conf = new SerializableConfiguration(spark.context().hadoopConfiguration());
    int p = parts;
    AtomicFiles.replace(target, spark.context().hadoopConfiguration(), (fs, tmp) -> {
      fs.mkdirs(tmp);
      String folder = tmp.toString();
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < p; i++) {
        indices.add(i);
      }
      spark.context().parallelize(indices, p).foreach(part -> {
        long from = gen.rows() * part / p;
        long to = gen.rows() * (part + 1) / p;
        Path file = new Path(folder, String.format("part-%05d.libsvm", part));
        writeRows(gen, from, to, file.getFileSystem(conf.value()), file);
      });
    });
  }
}
