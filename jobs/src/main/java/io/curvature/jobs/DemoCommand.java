package io.curvature.jobs;

import io.curvature.driver.solvers.SolverResult;
import io.curvature.jobs.data.FashionMnist;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.data.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: trains the same model with several solvers on one cached dataset and prints them side by side.
 * Data: --data if given; else Fashion-MNIST (binary: odd classes against even) when Debian's package is installed;
 * else a generated sparse dataset. Either is written once under --work-dir and reused.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Train with several solvers on one dataset and compare iterations, passes, time and objective.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "PATH", description = "LIBSVM data (default: Fashion-MNIST or generated).")
  String data;

  @Option(names = "--solvers", defaultValue = "tron,lbfgs", split = ",", paramLabel = "LIST",
      description = "Solvers to race (default: ${DEFAULT-VALUE}).")
  List<String> solvers;

  @Option(names = "--reg-param", paramLabel = "L", converter = Numbers.class,
      description = "L2 regularization (default: 1/n).")
  Double regParam;

  @Option(names = "--tol", defaultValue = "1e-6", paramLabel = "T", converter = Numbers.class,
      description = "Stop when |g(w)| <= T |g(w0)| (default: ${DEFAULT-VALUE}).") double tol;
  @Option(names = "--max-iter", defaultValue = "1000", paramLabel = "K",
      description = "Iteration budget (default: ${DEFAULT-VALUE}).") int maxIter;
  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Partitions of the cached data (default: one per core).") int partitions;
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).") String master;
  @Option(names = "--work-dir", defaultValue = "work", paramLabel = "DIR",
      description = "Where the data files are written and kept (default: ${DEFAULT-VALUE}).") String workDir;
  @Option(names = "--synthetic", description = "Use generated data even when Fashion-MNIST is installed.")
  boolean synthetic;
  @Option(names = "--rows", defaultValue = "200000", paramLabel = "N",
      description = "Rows of generated data (default: ${DEFAULT-VALUE}).") long rows;
  @Option(names = "--features", defaultValue = "50000", paramLabel = "D",
      description = "Features of generated data (default: ${DEFAULT-VALUE}).") int features;
  @Option(names = "--quiet", description = "No progress line per iteration.") boolean quiet;

  @Override
  public Integer call() throws Exception {
    String path = data != null ? data : prepareData();
    try (SparkSessions spark = SparkSessions.start("curvature-demo", master);
         LoadedData loaded = LibsvmLoader.load(spark.context(), path, partitions, 0, LibsvmLoader.Layout.AUTO)) {
      var s = loaded.sums().summary();
      double lambda = regParam != null ? regParam : 1.0 / s.rows();
      System.out.printf("data %s: n=%d d=%d nnz=%d, loaded and cached in %.2fs on %s (%d partitions)%n", path,
          s.rows(), s.numFeatures(), s.nonzeros(), loaded.loadSeconds(), spark.master(), loaded.sums().partitions());
      System.out.printf("objective: mean logistic loss + %.3g/2 |w|^2, stop at |g| <= %.0e |g0|%n%n", lambda, tol);
      List<SolverResult> results = new ArrayList<>();
      for (String solver : solvers) {
        results.add(Training.fit(loaded, solver, lambda, false, tol, maxIter,
            quiet ? r -> { } : new ProgressPrinter(System.out, solver)));
        System.out.println();
      }
      printTable(results);
      return results.stream().allMatch(SolverResult::converged) ? ExitCode.OK : ExitCode.NOT_CONVERGED;
    }
  }

  private String prepareData() throws Exception {
    Path dir = Paths.get(workDir, "data");
    Files.createDirectories(dir);
    if (!synthetic && FashionMnist.installed()) {
      Path file = dir.resolve("fmnist-train.binary.libsvm");
      if (!Files.exists(file)) {
        System.out.println("converting Fashion-MNIST to " + file);
        FashionMnist.writeBinaryTrain(file.toAbsolutePath());
      }
      return file.toString();
    }
    Path file = dir.resolve("synthetic-" + rows + "x" + features + ".libsvm");
    if (!Files.exists(file)) {
      System.out.println("generating " + file + " (Fashion-MNIST not installed: apt-get install dataset-fashion-mnist)");
      GenerateCommand.writeSingleFile(new SyntheticData(rows, features, 20, 0.2, 1),
          new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri()), new Configuration());
    }
    return file.toString();
  }

  private static void printTable(List<SolverResult> results) {
    double best = results.stream().mapToDouble(SolverResult::objective).min().orElse(Double.NaN);
    System.out.printf("%-10s %-14s %6s %7s %9s  %-20s %s%n", "solver", "status", "iters", "passes", "seconds",
        "objective", "gap to best");
    for (SolverResult r : results) {
      System.out.printf("%-10s %-14s %6d %7d %9.2f  %.15f %.1e%n", r.solver(), r.status(), r.iterations(),
          r.passes(), r.seconds(), r.objective(), (r.objective() - best) / best);
    }
  }
}
