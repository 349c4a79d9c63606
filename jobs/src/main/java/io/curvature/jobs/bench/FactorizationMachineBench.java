package io.curvature.jobs.bench;

import io.curvature.jobs.ExitCode;
import io.curvature.driver.objective.DataSummary;
import io.curvature.driver.objective.FactorizationMachineObjective;
import io.curvature.driver.objective.FactorizationMachineObjective.Curvature;
import io.curvature.driver.objective.FactorizationMachineObjective.Penalty;
import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.jobs.SparkSessions;
import io.curvature.workers.BlockKernels;
import io.curvature.workers.FactorizationMachine;
import io.curvature.workers.LabelDomain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.classification.FMClassifier;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code benchmark --fm-factors K}: a logistic factorization machine with k factors on one cached LIBSVM file,
 * Curvature's solvers against MLlib's FMClassifier, every run scored on one objective:
 *
 * <pre>
 *   f(theta) = (1/n) sum_i log(1 + exp(-y_i z_i)) + (r / 2) ||theta||^2,   theta = (w0, w, V), all penalized,
 * </pre>
 *
 * which is what MLlib's "gd" solver minimizes (GradientDescent with SquaredL2Updater: mean loss, L2 on every
 * coefficient, the intercept included; its objective history is this f at its iterates). Curvature runs
 * {@link FactorizationMachineObjective} with {@code Penalty(r, r, r)}. MLlib's default solver, adamW, applies a
 * decoupled weight decay (w -= lr m/(sqrt(v) + eps) + r w), which is not a step along this f's gradient: its fixed
 * points do not minimize f, and it is scored on f only for comparison. The objective is not convex: f* is the lowest
 * objective any run reached and the gaps are relative to it; Curvature starts from V ~ N(0, initStd^2) drawn from
 * the seed, MLlib from its own draw of the same distribution with the same seed.
 */
final class FactorizationMachineBench {
  private FactorizationMachineBench() {}

  /** Default contestants: solver names, "-gn" for Gauss-Newton curvature, "mllib-gd", "mllib-adamw". */
  static final String DEFAULT_SOLVERS = "tron,tron-gn,lbfgs,mllib-gd,mllib-adamw";

  static int run(BenchmarkCommand c) throws Exception {
    int k = c.fmFactors;
    try (SparkSessions spark = SparkSessions.start("curvature-benchmark-fm", c.master);
         LoadedData loaded = LibsvmLoader.load(spark.context(), c.data, c.partitions, 0, LibsvmLoader.Layout.SPARSE,
             LibsvmLoader.Precision.FLOAT64, LabelDomain.BINARY)) {
      DataSummary s = loaded.sums().summary();
      int cores = Math.max(1, spark.context().defaultParallelism());
      System.out.printf("loaded %s: n=%d d=%d nnz=%d in %.2fs (%d partitions); factorization machine k=%d, "
          + "r=%.6g on w0, w and V%n", c.data, s.rows(), s.numFeatures(), s.nonzeros(), loaded.loadSeconds(),
          loaded.sums().partitions(), k, c.regParam);
      double bandwidth = MemoryBandwidth.triadGigabytesPerSecond(cores);
      BenchmarkReport.Environment env = new BenchmarkReport.Environment(spark.master(), cores,
          loaded.sums().partitions(), spark.version(), System.getProperty("java.version"),
          BlockKernels.blasImplementation(), bandwidth, s.cachedBytes(), s.bytesPerNonzero(),
          s.cachedBytes() / (bandwidth * 1e9), false);
      Penalty penalty = new Penalty(c.regParam, c.regParam, c.regParam);
      FactorizationMachine fm = FactorizationMachine.logistic(k, true);
      FactorizationMachineObjective exact = new FactorizationMachineObjective(loaded.sums(), fm, penalty,
          Curvature.EXACT, 0.0);
      FactorizationMachineObjective gaussNewton = new FactorizationMachineObjective(loaded.sums(), fm, penalty,
          Curvature.GAUSS_NEWTON, 0.0);
      double[] start = exact.initialPoint(c.fmSeed, c.fmInitStd);
      Dataset<Row> frame = null;
      double frameLoad = 0;
      List<Run> runs = new ArrayList<>();
      for (String solver : c.fmSolvers) {
        if (solver.startsWith("mllib-")) {
          if (frame == null) {
            long t = System.nanoTime();
            frame = spark.session().read().format("libsvm").option("numFeatures", s.numFeatures()).load(c.data)
                .withColumn("label", functions.when(functions.col("label").gt(0), 1.0).otherwise(0.0))
                .repartition(loaded.sums().partitions()).persist(StorageLevel.MEMORY_ONLY());
            frame.count();
            frameLoad = (System.nanoTime() - t) * 1e-9;
          }
          runs.add(mllib(spark, frame, frameLoad, exact, c, solver.substring("mllib-".length())));
        } else {
          boolean gn = solver.endsWith("-gn");
          String name = gn ? solver.substring(0, solver.length() - 3) : solver;
          runs.add(curvature(gn ? gaussNewton : exact, solver, name, start, c));
        }
      }
      if (frame != null) {
        frame.unpersist(false);
      }
      double fStar = Double.POSITIVE_INFINITY;
      String from = "none";
      for (Run r : runs) {
        if (r.objective < fStar) {
          fStar = r.objective;
          from = r.solver + " (the lowest objective reached; the objective is not convex)";
        }
      }
      List<SolverRun> solverRuns = new ArrayList<>();
      for (Run r : runs) {
        solverRuns.add(r.toRun(fStar, env.bandwidthBoundSeconds()));
      }
      BenchmarkReport report = new BenchmarkReport(c.data, s.rows(), s.numFeatures(), s.nonzeros(), c.regParam,
          true, fStar, from, loaded.loadSeconds(), env, List.of(), solverRuns, Instant.now().toString(),
          "factorization machine (logistic, k=" + k + ", L2 r on w0, w and V)", 0.0, false);
      BenchmarkWriter.write(c.output, spark.context().hadoopConfiguration(), report);
      System.out.println();
      System.out.print(table(runs, fStar));
      System.out.println();
      System.out.print(BenchmarkWriter.markdown(report));
      System.out.println("wrote " + c.output + "/benchmark.json, benchmark.md and convergence.png");
      return io.curvature.jobs.ExitCode.OK;
    }
  }

  /** One contestant's outcome: objective by {@link FactorizationMachineObjective}, iterations, passes or jobs. */
  private record Run(String solver, String status, String message, int iterations, long passes, double seconds,
      double objective, double gradientNorm, String note, Curve curve) {
    SolverRun toRun(double fStar, double boundSeconds) {
      double[] at3 = curve.firstAt(1e-3, fStar);
      double[] at6 = curve.firstAt(1e-6, fStar);
      Double perPass = passes <= 0 ? null : seconds / passes;
      return new SolverRun(solver, status, message, iterations, passes, seconds, perPass,
          perPass == null ? null : perPass / boundSeconds, at3 == null ? null : at3[0],
          at3 == null || at3[1] < 0 ? null : (long) at3[1], at6 == null ? null : at6[0],
          at6 == null || at6[1] < 0 ? null : (long) at6[1], objective, Curve.gap(objective, fStar), null, note,
          curve.gaps(fStar));
    }
  }

  private static Run curvature(FactorizationMachineObjective f, String label, String solver, double[] start,
      BenchmarkCommand c) {
    SolverResult r = Solvers.create(solver, new StoppingRule(c.fmTol, c.maxIter)).minimize(f, start, h -> {
      if (h.iteration() % c.fmProgress == 0) {
        System.out.printf(Locale.ROOT, "  %s iteration %d: f = %.12g, ||g|| = %.3g, %d CG steps, %d passes, %.1fs%n",
            label, h.iteration(), h.objective(), h.gradientNorm(), h.cgIterations(), h.passes(), h.seconds());
      }
    });
    Curve curve = new Curve();
    for (IterationRecord h : r.history()) {
      curve.add(h.seconds(), h.passes(), h.objective());
    }
    System.out.printf("%s: %s; f = %.15g, ||g|| = %.3g, %d iterations, %d passes, %.2fs%n", label, r.message(),
        r.objective(), r.gradientNorm(), r.iterations(), r.passes(), r.seconds());
    String note = (f.curvature() == Curvature.GAUSS_NEWTON ? "Gauss-Newton curvature (J^T D J + r I); " : "")
        + String.format(Locale.ROOT, "from V ~ N(0, %.3g^2) (seed %d), relative gradient tolerance %.1e",
        c.fmInitStd, c.fmSeed, c.fmTol);
    return new Run(label, r.status().name(), r.message(), r.iterations(), r.passes(), r.seconds(), r.objective(),
        r.gradientNorm(), note, curve);
  }

  private static Run mllib(SparkSessions spark, Dataset<Row> frame, double frameLoad,
      FactorizationMachineObjective f, BenchmarkCommand c, String solver) {
    String mllibSolver = solver.equalsIgnoreCase("adamw") ? "adamW" : solver;
    AtomicLong jobs = new AtomicLong();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.session().sparkContext().addSparkListener(counter);
    FMClassificationModel m;
    long t = System.nanoTime();
    try {
      m = new FMClassifier().setFactorSize(c.fmFactors).setSolver(mllibSolver).setRegParam(c.regParam)
          .setStepSize(mllibSolver.equals("gd") ? c.fmGdStep : c.fmAdamStep).setMaxIter(c.fmMllibIter)
          .setTol(c.mllibTol).setInitStd(c.fmInitStd).setSeed(c.fmSeed).setMiniBatchFraction(1.0).fit(frame);
    } finally {
      spark.session().sparkContext().removeSparkListener(counter);
    }
    double seconds = (System.nanoTime() - t) * 1e-9;
    double[] p = packed(f.model(), m.factors(), m.linear().toArray(), m.intercept());
    io.curvature.driver.objective.Evaluation at = f.evaluate(p);
    double[] history = m.summary().objectiveHistory();
    Curve curve = new Curve();
    for (int i = 0; i < history.length; i++) {
      curve.add(seconds * (i + 1) / (history.length + 1), -1, history[i]);
    }
    curve.add(seconds, jobs.get(), at.value());
    double gNorm = norm(at.gradient());
    System.out.printf("mllib-%s: f = %.15g, ||g|| = %.3g after %d objective-history entries, %d Spark jobs, %.2fs fit (%.2fs load)"
        + "%n", solver, at.value(), gNorm, history.length, jobs.get(), seconds, frameLoad);
    String note = String.format(Locale.ROOT, "FMClassifier(solver=%s, stepSize=%s, maxIter=%d, tol=%.1e, initStd=%.3g,"
        + " seed=%d, miniBatchFraction=1); passes are its Spark jobs, its curve its objective history spread evenly "
        + "over the fit, the last point f at its model; loading its DataFrame took %.2f s", mllibSolver,
        mllibSolver.equals("gd") ? c.fmGdStep : c.fmAdamStep, c.fmMllibIter, c.mllibTol, c.fmInitStd, c.fmSeed,
        frameLoad)
        + (mllibSolver.equals("adamW") ? "; adamW's decoupled weight decay (w -= lr m/(sqrt(v)+eps) + r w) is not "
        + "the gradient of the L2 term, so it does not minimize this objective: scored on it for comparison only"
        : "");
    int iterations = Math.min(history.length, c.fmMllibIter);   // the history may hold one more entry than steps
    return new Run("mllib-" + solver, history.length >= c.fmMllibIter ? "MAX_ITERATIONS" : "CONVERGED",
        "FMClassifier " + mllibSolver, iterations, jobs.get(), seconds, at.value(), gNorm, note, curve);
  }

  /** MLlib's model in Curvature's layout: w_j and V_jf feature-major, the intercept last. */
  static double[] packed(FactorizationMachine fm, Matrix factors, double[] linear, double intercept) {
    int d = linear.length;
    double[] p = new double[fm.dimension(d)];
    for (int j = 0; j < d; j++) {
      p[fm.linearIndex(j)] = linear[j];
      for (int f = 0; f < fm.factors(); f++) {
        p[fm.factorIndex(j, f)] = factors.apply(j, f);
      }
    }
    p[fm.interceptIndex(d)] = intercept;
    return p;
  }

  private static String table(List<Run> runs, double fStar) {
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
        "| contestant | objective | gap to best | ||gradient|| | seconds | iterations | passes (Spark jobs) | "
            + "status |%n|---|---|---|---|---|---|---|---|%n"));
    for (Run r : runs) {
      md.append(String.format(Locale.ROOT, "| %s | %.10f | %.1e | %.1e | %.1f | %d | %d | %s |%n", r.solver,
          r.objective, Curve.gap(r.objective, fStar), r.gradientNorm, r.seconds, r.iterations, r.passes, r.status));
    }
    return md.toString();
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
