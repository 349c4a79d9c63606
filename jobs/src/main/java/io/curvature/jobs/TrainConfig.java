package io.curvature.jobs;

import io.curvature.driver.SolverCatalog;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.spark.LibsvmLoader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The settings of one training run, validated on construction and written into the report as provenance, with the
 * values actually used (partitions, features, master) in place of the defaults that chose them.
 *
 * @param partitions  partitions of the cached data (0 in the request: one per core)
 * @param numFeatures features (0 in the request: the largest index in the data)
 * @param model       logistic, multinomial, linear, poisson or svm
 * @param elasticNet  alpha of MLlib's elastic net (0: L2 only)
 * @param standardize penalize coefficients in units of the features' standard deviations
 * @param storageLevel how the packed data is cached (MEMORY_ONLY, MEMORY_AND_DISK; not part of the trajectory)
 * @param diagnoseSteps Lanczos steps of --diagnose after the fit (0: 10% of the fit's passes), or null without it
 */
public record TrainConfig(String data, String format, String solver, double regParam, boolean fitIntercept,
    double tol, int maxIter, String output, int partitions, String master, int numFeatures,
    LibsvmLoader.Layout layout, LibsvmLoader.Precision precision, String model, double elasticNet,
    boolean standardize, String featuresCol, String labelCol, String weightCol, String warmStart, String validation,
    String checkpointDir, int checkpointEvery, boolean resume, boolean overwrite, String storageLevel,
    Integer diagnoseSteps) {
  public TrainConfig {
    if (diagnoseSteps != null && diagnoseSteps < 0) {
      throw new IllegalArgumentException("--diagnose-steps must be >= 0 (0: a tenth of the fit's passes), not "
          + diagnoseSteps);
    }
    if (format != null && !java.util.List.of("libsvm", "csv", "parquet").contains(format)) {
      throw new IllegalArgumentException("format '" + format + "' is not supported (expected libsvm, csv or parquet)");
    }
    if (!SolverCatalog.NAMES.contains(solver)) {
      throw new IllegalArgumentException("solver '" + solver + "' is not one of " + SolverCatalog.NAMES);
    }
    if (!(regParam >= 0) || Double.isInfinite(regParam)) {
      throw new IllegalArgumentException("--reg-param is " + regParam + ", expected a finite number >= 0");
    }
    if (!(tol > 0 && tol < 1)) {
      throw new IllegalArgumentException("--tol is " + tol + ", expected in (0, 1)");
    }
    if (maxIter < 1) {
      throw new IllegalArgumentException("--max-iter is " + maxIter + ", expected >= 1");
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("--partitions is " + partitions + ", expected >= 1");
    }
    if (numFeatures < 0) {
      throw new IllegalArgumentException("--num-features is " + numFeatures + ", expected >= 1");
    }
    model = ModelKind.parse(model).cliName();
    if (!(elasticNet >= 0 && elasticNet <= 1)) {
      throw new IllegalArgumentException("--elastic-net is " + elasticNet + ", expected in [0, 1]");
    }
    if (elasticNet > 0 && regParam > 0 && !solver.equals("owlqn") && !solver.equals("prox-newton")
        && !solver.equals("auto")) {
      throw new IllegalArgumentException("--solver " + solver + " cannot minimize an L1 penalty (--elastic-net "
          + elasticNet + " > 0): use owlqn, prox-newton or auto");
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("--checkpoint-every is " + checkpointEvery + ", expected >= 1");
    }
    if (resume && checkpointDir == null) {
      throw new IllegalArgumentException("--resume needs --checkpoint-dir, where the checkpoint is");
    }
    if (resume && warmStart != null) {
      throw new IllegalArgumentException("--resume and --warm-start both choose the starting point: give one");
    }
  }

  /** What to fit. */
  public TrainingSpec spec() {
    return new TrainingSpec(ModelKind.parse(model), regParam, elasticNet, fitIntercept, standardize);
  }

  /** The settings with the values the run used where the request left them to defaults. */
  TrainConfig effective(String usedFormat, int usedPartitions, int usedFeatures, String usedMaster) {
    return new TrainConfig(data, usedFormat, solver, regParam, fitIntercept, tol, maxIter, output, usedPartitions,
        usedMaster, usedFeatures, layout, precision, model, elasticNet, standardize, featuresCol, labelCol, weightCol,
        warmStart, validation, checkpointDir, checkpointEvery, resume, overwrite, storageLevel,
        diagnoseSteps);
  }

  /**
   * A hash of what decides a run's trajectory, bit for bit: the model and penalty, the solver, the tolerance, the
   * data's path, format, columns and how it is cached and partitioned. A checkpoint made under another hash is not
   * resumed. The iteration budget is left out: a resumed run may be given more.
   */
  String trajectoryHash() {
    String key = String.join("|", model, Double.toString(regParam), Double.toString(elasticNet),
        Boolean.toString(fitIntercept), Boolean.toString(standardize), solver, Double.toString(tol), data,
        String.valueOf(format), String.valueOf(featuresCol), String.valueOf(labelCol), String.valueOf(weightCol),
        Integer.toString(numFeatures), Integer.toString(partitions), String.valueOf(layout),
        String.valueOf(precision));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
