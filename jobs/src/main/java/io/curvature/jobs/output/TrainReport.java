package io.curvature.jobs.output;

import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.spark.CacheUse;
import io.curvature.jobs.TrainConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code DIR/report.json} of a training run. Field names are a contract: scripts read them; new fields are only
 * ever added.
 *
 * @param solver          the solver that ran; auto:NAME when auto chose NAME
 * @param objective       the full penalized objective at the returned model, in MLlib's scaling (mean loss +
 *                        regParam (alpha ||w||_1 + (1 - alpha)/2 ||w||^2), see the README per model)
 * @param gradientNorm    ||g|| there (with an L1 part: the norm of the minimum-norm subgradient)
 * @param passes          passes over the training data during the run: the fit's and --diagnose's (Spark jobs
 *                        over the cached data; the history's last record has the fit's alone)
 * @param status          why the solver stopped (CONVERGED, MAX_ITERATIONS, NO_PROGRESS, ...)
 * @param fitSeconds      wall time of the solver
 * @param loadSeconds     wall time to read, parse, pack and cache the data
 * @param n               training rows
 * @param d               features
 * @param nnz             stored feature values
 * @param cachedBytes     bytes of packed data held in executor memory
 * @param bytesPerNonzero cachedBytes / nnz
 * @param partitions      partitions of the cached data
 * @param master          the Spark master it ran on
 * @param sparkVersion    the Spark version it ran on
 * @param history         one record per iteration, iteration 0 first
 * @param config          the settings, with the values used where defaults chose them (provenance)
 * @param model           the model kind (logistic, multinomial, linear, poisson, svm)
 * @param classes         classes of a classifier (2 for binary ones, K multinomial), 0 for a regression
 * @param notes           remarks on the data (constant labels or features), possibly none
 * @param version         Curvature's version
 * @param blas            the BLAS implementation the Gram kernels ran on (JNIBLAS native, VectorBLAS, JavaBLAS)
 * @param preconditioner  the Newton-CG preconditioner used, or "none" for solvers without CG
 * @param warnings        what a scheduler should know though the run succeeded (a tolerance below rounding)
 * @param warmStart       the model the run started from, or null
 * @param resumedFrom     the iteration of the checkpoint the run resumed from, or null
 * @param validation      holdout metrics (--validation), or null
 * @param sparkConf       the Spark settings of the run, secrets redacted
 * @param storage         where Spark held the cached data at the end of the fit: level, memoryBytes, diskBytes
 *                        (spilled under MEMORY_AND_DISK), cachedPartitions, partitions
 * @param curvature       with --diagnose, the curvature at the model (lambdaMax, lambdaMin, conditionNumber,
 *                        gapBound, hvps, method, ...), else null
 * @param blasLibrary     the native library behind {@code blas} = JNIBLAS (path and kind, e.g. OpenBLAS or
 *                        Debian's unoptimized reference BLAS), else null
 * @param cgSpectrum      free eigenvalue estimates of the (preconditioned) Hessian from the last conjugate-gradient
 *                        run (largest, smallest, conditionNumber, steps, preconditioner, iteration); null for solvers
 *                        without CG
 */
public record TrainReport(String solver, double objective, double gradientNorm, int iterations, long passes,
    String status, String message, double fitSeconds, double loadSeconds, long n, int d, long nnz, long cachedBytes,
    double bytesPerNonzero, int partitions, String master, String sparkVersion, String createdAt,
    List<IterationRecord> history, TrainConfig config, String model, int classes, List<String> notes, String version,
    String blas, String preconditioner, List<String> warnings, String warmStart, Integer resumedFrom,
    Map<String, Object> validation, Map<String, String> sparkConf, CacheUse storage,
    io.curvature.driver.diagnostics.CurvatureDiagnostics curvature, String blasLibrary,
    io.curvature.driver.solvers.CgSpectrum cgSpectrum) {}
