package io.curvature.jobs.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.jobs.ExitCode;
import io.curvature.jobs.Numbers;
import io.curvature.jobs.SparkSessions;
import io.curvature.jobs.Training;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.workers.BlockKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: load and cache the data once, run each solver and MLlib on it in this one Spark session, and
 * report time and passes to relative gaps 1e-3 and 1e-6 against f*, the best objective any run reached (the
 * reference solver runs first to a tight tolerance).
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Race Curvature's solvers against MLlib (and LIBLINEAR runs) on one cached dataset.")
public final class BenchmarkCommand implements Callable<Integer> {
  private static final double GAP3 = 1e-3;
  private static final double GAP6 = 1e-6;

  @Option(names = "--data", required = true, paramLabel = "PATH",
      description = "LIBSVM data (any Hadoop FS), cached once for every contestant.") String data;
  @Option(names = "--reg-param", required = true, paramLabel = "L", converter = Numbers.class,
      description = "lambda, as train's (a number or a fraction, 1/60000).") double regParam;
  @Option(names = "--fit-intercept", description = "Fit an unpenalized intercept (every contestant).")
  boolean fitIntercept;
  @Option(names = "--model", defaultValue = "logistic", paramLabel = "MODEL",
      description = "logistic, multinomial, linear, poisson or svm (default: ${DEFAULT-VALUE}).") String model;
  @Option(names = "--elastic-net", defaultValue = "0", paramLabel = "ALPHA", converter = Numbers.class,
      description = "L1 share of the penalty (default: ${DEFAULT-VALUE}).") double elasticNet;
  @Option(names = "--standardize", description = "Penalize in units of the features' standard deviations.")
  boolean standardize;
  @Option(names = "--mllib-solver", defaultValue = "l-bfgs", paramLabel = "S",
      description = "MLlib LinearRegression's solver for --model linear: l-bfgs or normal (default: ${DEFAULT-VALUE}).")
  String mllibSolver;
  @Option(names = "--solvers", defaultValue = "tron,lbfgs,newton,auto,mllib", split = ",", paramLabel = "LIST",
      description = "Contestants: Curvature solvers and mllib (default: ${DEFAULT-VALUE}).") List<String> solvers;
  @Option(names = "--partitions", defaultValue = "0", paramLabel = "P",
      description = "Partitions of the cached data (default: one per core).") int partitions;
  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Writes benchmark.json, benchmark.md and convergence.png here.") String output;
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).") String master;
  @Option(names = "--max-iter", defaultValue = "3000", paramLabel = "K", description = "Budget of every run (default ${DEFAULT-VALUE}).")
  int maxIter;
  @Option(names = "--stop-gap", defaultValue = "1e-7", paramLabel = "GAP", converter = Numbers.class,
      description = "Curvature runs stop at this relative gap to the reference (default ${DEFAULT-VALUE}).")
  double stopGap;
  @Option(names = "--mllib-tol", defaultValue = "1e-9", paramLabel = "T", converter = Numbers.class,
      description = "MLlib's tol (a relative change of f; its default 1e-6 stops near gap 1e-5) (default: ${DEFAULT-VALUE}).") double mllibTol;
  @Option(names = "--f-star", paramLabel = "F", converter = Numbers.class,
      description = "The optimal objective when already known (an earlier benchmark.json, glmnet at a tight "
          + "threshold): skips the reference solve; a contestant that goes lower replaces it.")
  Double givenFStar;

  @Option(names = "--liblinear-runs", paramLabel = "TSV",
      description = "Runs made by bench/liblinear.sh on the same file, added to the table.") String liblinearRuns;
  @Option(names = "--repeats", defaultValue = "5", paramLabel = "R",
      description = "Runs per pass kind in the pass profile; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;
  @Option(names = "--profile-only", description = "Measure bandwidth and pass costs only; run no solver.")
  boolean profileOnly;
  @Option(names = "--float32", split = ",", paramLabel = "SOLVERS",
      description = "Also run these solvers on a float32 copy of the data (8 bytes/nnz); their final objective is "
          + "scored on the float64 data.") List<String> float32Solvers = List.of();

  @Option(names = "--fm-factors", defaultValue = "0", paramLabel = "K",
      description = "Instead: a logistic factorization machine with K factors (data from generate --fm-factors), "
          + "L2 --reg-param on every coefficient (MLlib FMClassifier's objective); contestants --fm-solvers "
          + "(default: ${DEFAULT-VALUE}, the GLM benchmark).") int fmFactors;
  @Option(names = "--fm-solvers", defaultValue = FactorizationMachineBench.DEFAULT_SOLVERS, split = ",",
      paramLabel = "LIST", description = "With --fm-factors: Curvature solvers (a -gn suffix: Gauss-Newton curvature), "
          + "mllib-gd and mllib-adamw (default: ${DEFAULT-VALUE}).") List<String> fmSolvers;
  @Option(names = "--fm-tol", defaultValue = "1e-6", paramLabel = "T", converter = Numbers.class,
      description = "With --fm-factors: Curvature's relative gradient tolerance (default: ${DEFAULT-VALUE}).")
  double fmTol;
  @Option(names = "--fm-mllib-iter", defaultValue = "100", paramLabel = "K",
      description = "With --fm-factors: FMClassifier's maxIter (default: ${DEFAULT-VALUE}, MLlib's).") int fmMllibIter;
  @Option(names = "--fm-gd-step", defaultValue = "1.0", paramLabel = "S", converter = Numbers.class,
      description = "With --fm-factors: FMClassifier gd's stepSize, decayed as S/sqrt(t) (default: ${DEFAULT-VALUE},"
          + " MLlib's).") double fmGdStep;
  @Option(names = "--fm-adamw-step", defaultValue = "1.0", paramLabel = "S", converter = Numbers.class,
      description = "With --fm-factors: FMClassifier adamW's stepSize (default: ${DEFAULT-VALUE}, MLlib's).")
  double fmAdamStep;
  @Option(names = "--fm-init-std", defaultValue = "0.01", paramLabel = "S", converter = Numbers.class,
      description = "With --fm-factors: std of the random initial factors, every contestant (default: "
          + "${DEFAULT-VALUE}, MLlib's).") double fmInitStd;
  @Option(names = "--fm-progress", defaultValue = "10", paramLabel = "K",
      description = "With --fm-factors: print every K-th iteration of Curvature's solvers (default: ${DEFAULT-VALUE}).")
  int fmProgress;
  @Option(names = "--fm-seed", defaultValue = "1", paramLabel = "S",
      description = "With --fm-factors: seed of the initial factors (default: ${DEFAULT-VALUE}).") long fmSeed;

  @Override
  public Integer call() throws Exception {
    if (fmFactors > 0) {
      return FactorizationMachineBench.run(this);
    }
    TrainingSpec spec = new TrainingSpec(ModelKind.parse(model), regParam, elasticNet, fitIntercept, standardize);
    boolean heapKept = keepGrownHeap();
    try (SparkSessions spark = SparkSessions.start("curvature-benchmark", master);
         LoadedData loaded = LibsvmLoader.load(spark.context(), data, partitions, 0, LibsvmLoader.Layout.AUTO,
             LibsvmLoader.Precision.FLOAT64, spec.kind().labelDomain())) {
      DataSummary s = loaded.sums().summary();
      int cores = Math.max(1, spark.context().defaultParallelism());
      System.out.printf("loaded %s: n=%d d=%d nnz=%d in %.2fs (%d partitions)%n", data, s.rows(), s.numFeatures(),
          s.nonzeros(), loaded.loadSeconds(), loaded.sums().partitions());
      double bandwidth = MemoryBandwidth.triadGigabytesPerSecond(cores);
      BenchmarkReport.Environment env = new BenchmarkReport.Environment(spark.master(), cores,
          loaded.sums().partitions(), spark.version(), System.getProperty("java.version"),
          BlockKernels.blasImplementation(), bandwidth, s.cachedBytes(), s.bytesPerNonzero(),
          s.cachedBytes() / (bandwidth * 1e9), heapKept);
      GlmObjective objective = GlmProblem.of(loaded.sums(), spec).objective();
      List<PassProfile.PassCost> passCosts = PassProfile.measure(loaded.sums(), objective, repeats);
      for (PassProfile.PassCost c : passCosts) {
        System.out.printf("pass cost: %-80s %8.1f ms%n", c.pass(), c.seconds() * 1e3);
      }
      if (profileOnly) {
        BenchmarkReport report = new BenchmarkReport(data, s.rows(), s.numFeatures(), s.nonzeros(), regParam,
            fitIntercept, Double.NaN, "not computed (--profile-only)", loaded.loadSeconds(), env, passCosts,
            List.of(), Instant.now().toString(), spec.kind().cliName(), elasticNet, standardize);
        BenchmarkWriter.write(output, spark.context().hadoopConfiguration(), report);
        System.out.println("wrote " + output + "/benchmark.json (pass costs only)");
        return ExitCode.OK;
      }
      String referenceSolver = spec.hasL1() ? (objective.offers(Extra.SAMPLE_HESSIAN) ? "prox-newton" : "owlqn")
          : objective.offers(Extra.HESSIAN) ? "newton" : "tron";
      double referenceObjective;
      String referenceFrom;
      if (givenFStar != null) {
        referenceObjective = givenFStar;
        referenceFrom = "given with --f-star";
      } else {
        SolverResult reference = Training.fit(loaded, spec, referenceSolver, new StoppingRule(1e-10,
            spec.hasL1() ? 20_000 : 500), r -> { }).result();
        System.out.printf("reference %s: f* = %.17g (%s)%n", referenceSolver, reference.objective(),
            reference.message());
        referenceObjective = reference.objective();
        referenceFrom = referenceSolver + " at relative gradient 1e-10";
      }
      double target = referenceObjective * (1 + stopGap);
      List<Contest> contests = new ArrayList<>();
      for (String solver : solvers) {
        if (solver.equals("mllib") && !MllibContestant.hasCounterpart(spec)) {
          System.out.println("mllib: skipped, no MLlib estimator minimizes this objective (" + spec.kind()
              + (spec.kind() == ModelKind.SVM ? ": LinearSVC uses the plain hinge; LIBLINEAR -s 2 is the peer" : "")
              + ")");
          continue;
        }
        contests.add(solver.equals("mllib") ? mllib(spark, loaded, objective, spec)
            : curvature(loaded, spec, solver, new StoppingRule(1e-14, maxIter).withTarget(target)));
      }
      if (!float32Solvers.isEmpty()) {
        try (LoadedData narrow = LibsvmLoader.load(spark.context(), data, loaded.sums().partitions(), s.numFeatures(),
            LibsvmLoader.Layout.SPARSE, LibsvmLoader.Precision.FLOAT32, spec.kind().labelDomain())) {
          System.out.printf("float32 copy: %.2f bytes/nnz cached, loaded in %.2fs%n",
              narrow.sums().summary().bytesPerNonzero(), narrow.loadSeconds());
          for (String solver : float32Solvers) {
            Contest c = curvature(narrow, spec, solver, new StoppingRule(1e-14, maxIter).withTarget(target));
            double onFloat64 = objective.fullValue(c.w());
            contests.add(c.asFloat32(onFloat64, narrow.sums().summary().bytesPerNonzero()));
          }
        }
      }
      if (liblinearRuns != null) {
        contests.add(liblinear(objective));
      }
      double fStar = referenceObjective;
      String fStarFrom = referenceFrom;
      for (Contest c : contests) {
        if (c.objective < fStar) {
          fStar = c.objective;
          fStarFrom = c.solver + " (the lowest objective reached)";
        }
      }
      List<SolverRun> runs = new ArrayList<>();
      for (Contest c : contests) {
        runs.add(c.toRun(fStar, env.bandwidthBoundSeconds()));
      }
      BenchmarkReport report = new BenchmarkReport(data, s.rows(), s.numFeatures(), s.nonzeros(), regParam,
          fitIntercept, fStar, fStarFrom, loaded.loadSeconds(), env, passCosts, runs, Instant.now().toString(),
          spec.kind().cliName(), elasticNet, standardize);
      BenchmarkWriter.write(output, spark.context().hadoopConfiguration(), report);
      System.out.println();
      System.out.print(BenchmarkWriter.markdown(report));
      System.out.println("wrote " + output + "/benchmark.json, benchmark.md and convergence.png");
      return ExitCode.OK;
    }
  }

  /** A contestant's raw outcome, turned into a {@link SolverRun} once f* is known. */
  private record Contest(String solver, String status, String message, int iterations, Long passes,
      double fitSeconds, double objective, Long peakHeap, String note, Curve curve, double[] w) {
    /** This run made on float32 data, its final objective rescored on the float64 data. */
    Contest asFloat32(double float64Objective, double bytesPerNonzero) {
      return new Contest(solver + "/float32", status, message, iterations, passes, fitSeconds, float64Objective,
          peakHeap, String.format("values cached as float32 (%.2f bytes/nnz); its curve is the float32 objective, "
              + "its final gap the float64 objective at its solution (%.17g)", bytesPerNonzero, float64Objective),
          curve, w);
    }

    SolverRun toRun(double fStar, double boundSeconds) {
      double[] at3 = curve.firstAt(GAP3, fStar);
      double[] at6 = curve.firstAt(GAP6, fStar);
      Double perPass = passes == null || passes <= 0 ? null : fitSeconds / passes;
      return new SolverRun(solver, status, message, iterations, passes, fitSeconds, perPass,
          perPass == null ? null : perPass / boundSeconds, at3 == null ? null : at3[0],
          at3 == null || at3[1] < 0 ? null : (long) at3[1], at6 == null ? null : at6[0],
          at6 == null || at6[1] < 0 ? null : (long) at6[1], objective, Curve.gap(objective, fStar), peakHeap, note,
          curve.gaps(fStar));
    }
  }

  private Contest curvature(LoadedData loaded, TrainingSpec spec, String solver, StoppingRule rule) {
    resetPeakHeap();
    SolverResult r = Training.fit(loaded, spec, solver, rule, x -> { }).result();
    long heap = peakHeap();
    Curve curve = new Curve();
    for (IterationRecord h : r.history()) {
      curve.add(h.seconds(), h.passes(), h.objective());
    }
    System.out.printf("%s: %s; f = %.17g, %d iterations, %d passes, %.2fs%n", r.solver(), r.message(),
        r.objective(), r.iterations(), r.passes(), r.seconds());
    return new Contest(r.solver(), r.status().name(), r.message(), r.iterations(), r.passes(), r.seconds(),
        r.objective(), heap, solver.equals("auto") ? r.message().substring(0, r.message().indexOf(';')) : null,
        curve, r.w());
  }

  private Contest mllib(SparkSessions spark, LoadedData loaded, GlmObjective objective, TrainingSpec spec) {
    resetPeakHeap();
    MllibContestant.Outcome o = MllibContestant.run(spark.session(), data, loaded.sums().summary(), spec,
        loaded.sums().partitions(), maxIter, mllibTol, mllibSolver);
    long heap = peakHeap();
    double f = objective.fullValue(o.w());
    System.out.printf("mllib: f = %.17g after %d iterations, %d Spark jobs, %.2fs fit (%.2fs load)%n", f,
        o.iterations(), o.jobs(), o.fitSeconds(), o.loadSeconds());
    return new Contest("mllib", o.iterations() >= maxIter ? "MAX_ITERATIONS" : "CONVERGED",
        o.estimator() + " tol " + mllibTol, o.iterations(), o.jobs(), o.fitSeconds(), f, heap,
        String.format("passes are the Spark jobs of its fit; times per iteration are spread evenly over the fit "
            + "(MLlib does not time its iterations); loading its DataFrame took %.2f s", o.loadSeconds()),
        o.curve(), o.w());
  }

  private Contest liblinear(GlmObjective objective) throws Exception {
    List<LiblinearRuns.Run> runs = LiblinearRuns.read(Paths.get(liblinearRuns));
    double load = runs.stream().filter(r -> r.eps().equals("load")).mapToDouble(LiblinearRuns.Run::wallSeconds)
        .findFirst().orElse(0.0);
    Curve curve = new Curve();
    double best = Double.POSITIVE_INFINITY;
    double bestSeconds = 0;
    StringBuilder detail = new StringBuilder();
    for (LiblinearRuns.Run r : runs) {
      if (r.eps().equals("load")) {
        continue;
      }
      double f = objective.fullValue(LiblinearRuns.weights(r.model(), objective.dimension()));
      curve.add(Math.max(0, r.wallSeconds() - load), -1, f);
      detail.append(String.format(" -e %s: %.2f s end to end, f = %.15g;", r.eps(), r.wallSeconds(), f));
      if (f < best) {
        best = f;
        bestSeconds = r.wallSeconds() - load;
      }
    }
    return new Contest("liblinear", "CONVERGED", "liblinear-train -s 0, one process per -e", 0, null, bestSeconds,
        best, null, String.format("single-threaded, one run per tolerance; times are wall time less %.2f s of "
            + "loading (a run stopped at its first gradient).%s", load, detail), curve, null);
  }

  /**
   * Keeps the heap the JVM has grown: each contestant starts after a full collection ({@link #resetPeakHeap}), after
   * which G1 gives back to the OS whatever exceeds 70% free (MaxHeapFreeRatio), and the contestant then paid to grow
   * it again into fresh pages. Here a page fault costs about 10 us, 20 ms for each 8 MB vector of a wide model, and
   * the first iterations of L-BFGS on 1e5 x 1e6 data ran 3 to 6 times slower than the later ones: to gap 1e-6 in 2.0
   * to 4.8 s against 1.6 to 2.6 s with the heap kept (three interleaved pairs of three runs). A long-lived JVM (a
   * notebook, a service, a pipeline fitting several models) keeps its heap; the cold {@code train} job, which never
   * collects by hand, is raced on its own. False when the JVM is not HotSpot's (the heap may then shrink as before).
   */
  static boolean keepGrownHeap() {
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("MaxHeapFreeRatio", "100");
      return true;
    } catch (RuntimeException | LinkageError e) {
      System.out.println("the heap may shrink between contestants (MaxHeapFreeRatio not settable: " + e + ")");
      return false;
    }
  }

  private static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }
}
