package io.curvature.jobs.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import io.curvature.driver.model.ModelKind;

/**
 * Deterministic synthetic data from a planted sparse model, for every model kind. Row i depends only on
 * (seed, i), so any partitioning of the rows writes the same bytes.
 *
 * <p>Features are drawn with a power-law popularity (low indices frequent, as words or categorical crosses are), values
 * in [0.5, 1.5); a fraction {@code informative} of the features carry weight in the planted model w*. Labels are
 * drawn from the model, so the Bayes error is not zero and the data is not separable: binary (logistic, svm)
 * P(y = +1 | x) = sigma(w*.x); multinomial, class k with probability softmax(w*_k.x) over {@code classes} planted
 * vectors; linear, y = w*.x + N(0, 1); Poisson, a count at rate exp(w*.x / 3).
 *
 * <p>{@link #binaryValues()} makes every value 1 (binary features, same popularity).
 *
 * <p>With planted factors (k &gt; 0, logistic only) the data is a click log for a factorization machine: features are
 * binary (value 1, the same power-law popularity), each informative feature j also has a planted factor vector
 * v*_j in R^k, and P(y = +1 | x) = sigma(w*.x + sum_{j &lt; l} &lt;v*_j, v*_l&gt; x_j x_l): labels a linear model can
 * only partly explain.
 */
public final class SyntheticData implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long rows;
  private final int features;
  private final int nnzPerRow;
  private final double informative;
  private final long seed;
  private final ModelKind kind;
  private final int classes;
  private final int factors;
  /** Every nonzero 1 (categorical one-hot or click features); always so with planted factors. */
  private boolean binary;

  public SyntheticData(long rows, int features, int nnzPerRow, double informative, long seed) {
    this(rows, features, nnzPerRow, informative, seed, ModelKind.LOGISTIC, 2);
  }

  /** Data whose labels follow a planted model of {@code kind} ({@code classes} for multinomial). */
  public SyntheticData(long rows, int features, int nnzPerRow, double informative, long seed, ModelKind kind,
      int classes) {
    this(rows, features, nnzPerRow, informative, seed, kind, classes, 0);
  }

  /** As above; {@code factors} k &gt; 0 plants a factorization machine of k factors over binary features. */
  public SyntheticData(long rows, int features, int nnzPerRow, double informative, long seed, ModelKind kind,
      int classes, int factors) {
    if (factors < 0 || factors > 1000 || (factors > 0 && kind != ModelKind.LOGISTIC)) {
      throw new IllegalArgumentException("planted factors is " + factors + " for model " + kind
          + ": expected 0, or 1 to 1000 with the logistic model (a factorization machine classifier's data)");
    }
    this.factors = factors;
    if (rows < 1 || features < 1 || nnzPerRow < 1 || nnzPerRow > features) {
      throw new IllegalArgumentException("need rows >= 1, features >= 1 and 1 <= nnz per row <= features; got rows "
          + rows + ", features " + features + ", nnz per row " + nnzPerRow);
    }
    if (!(informative > 0 && informative <= 1)) {
      throw new IllegalArgumentException("informative fraction is " + informative + ", expected in (0, 1]");
    }
    this.rows = rows;
    this.features = features;
    this.nnzPerRow = nnzPerRow;
    this.informative = informative;
    this.seed = seed;
    this.kind = kind;
    this.classes = kind == ModelKind.MULTINOMIAL ? classes : 2;
    if (kind == ModelKind.MULTINOMIAL && (classes < 2 || classes > 1000)) {
      throw new IllegalArgumentException("classes is " + classes + ", expected 2 to 1000");
    }
  }

  /**
   * This generator with every value 1 (binary features with the same power-law popularity, as one-hot categoricals
   * and click logs have) instead of values in [0.5, 1.5); returns this.
   */
  public SyntheticData binaryValues() {
    this.binary = true;
    return this;
  }

  public long rows() {
    return rows;
  }

  /** The planted weight of 0-based feature j (0 for uninformative features). */
  public double plantedWeight(int j) {
    return plantedWeight(j, 0);
  }

  /** The planted weight of feature j for class k (multinomial; k = 0 for the other models). */
  public double plantedWeight(int j, int k) {
    SplittableRandom rng = new SplittableRandom(mix(seed ^ 0x5DEECE66DL ^ (0x2545F4914F6CDD1DL * k), j));
    if (rng.nextDouble() >= informative) {
      return 0.0;
    }
    // Scaled so that the margin w*.x has a standard deviation of a few units: informative but not separable.
    return rng.nextGaussian() * 3.0 / Math.sqrt(nnzPerRow * informative);
  }

  /**
   * The planted factor f of 0-based feature j (0 for uninformative features), scaled so that the interaction term has
   * a standard deviation of about 2 over the roughly m = nnz x informative informative features of a row.
   */
  public double plantedFactor(int j, int f) {
    if (plantedWeight(j) == 0.0) {
      return 0.0;
    }
    SplittableRandom rng = new SplittableRandom(mix(seed ^ 0x3C6EF372FE94F82AL ^ (0x2545F4914F6CDD1DL * f), j));
    double m = Math.max(2.0, nnzPerRow * informative);
    return rng.nextGaussian() * Math.pow(4.0 / (factors * m * m / 2), 0.25);
  }

  /** Appends row i as a LIBSVM line (with its newline) to {@code out}. */
  public void appendRow(long i, StringBuilder out) {
    SplittableRandom rng = new SplittableRandom(mix(seed, i));
    int[] columns = new int[nnzPerRow];
    int k = 0;
    boolean uniform = nnzPerRow * 2 > features;       // dense rows: power-law picks would repeat too often
    while (k < nnzPerRow) {                          // distinct indices
      double u = rng.nextDouble();
      int j = uniform ? (int) (u * features) : (int) Math.min(features - 1, Math.floor(features * u * u * u));
      boolean seen = false;
      for (int a = 0; a < k; a++) {
        seen |= columns[a] == j;
      }
      if (!seen) {
        columns[k++] = j;
      }
    }
    Arrays.sort(columns);
    double[] values = new double[nnzPerRow];
    double margin = 0;
    for (int a = 0; a < nnzPerRow; a++) {
      values[a] = factors > 0 || binary ? 1.0 : Math.round((0.5 + rng.nextDouble()) * 1e4) / 1e4;   // 4 decimals: exact
      margin += values[a] * plantedWeight(columns[a]);
    }
    for (int f = 0; f < factors; f++) {              // 1/2 [(sum_j v_jf x_j)^2 - sum_j v_jf^2 x_j^2], x_j = 1
      double sum = 0;
      double squares = 0;
      for (int a = 0; a < nnzPerRow; a++) {
        double v = plantedFactor(columns[a], f);
        sum += v;
        squares += v * v;
      }
      margin += 0.5 * (sum * sum - squares);
    }
    switch (kind) {
      case LOGISTIC, SVM, SIGMOID -> out.append(rng.nextDouble() < 1.0 / (1.0 + Math.exp(-margin)) ? "+1" : "-1");
      case LINEAR -> out.append(String.format(java.util.Locale.ROOT, "%.6g", margin + rng.nextGaussian()));
      case POISSON -> out.append(poisson(rng, Math.exp(Math.min(5.0, margin / 3))));
      case MULTINOMIAL -> out.append(drawClass(rng, columns, values, margin));
    }
    for (int a = 0; a < nnzPerRow; a++) {
      out.append(' ').append(columns[a] + 1).append(':').append(values[a]);
    }
    out.append('\n');
  }

  /** A class drawn from softmax of the K planted margins (Gumbel-max: the largest margin plus Gumbel noise). */
  private int drawClass(SplittableRandom rng, int[] columns, double[] values, double margin0) {
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      double m = k == 0 ? margin0 : 0;
      if (k > 0) {
        for (int a = 0; a < columns.length; a++) {
          m += values[a] * plantedWeight(columns[a], k);
        }
      }
      double g = m - Math.log(-Math.log(1 - rng.nextDouble()));
      if (g > bestValue) {
        bestValue = g;
        best = k;
      }
    }
    return best;
  }

  /** A Poisson count by inversion (rates here are at most e^5). */
  private static long poisson(SplittableRandom rng, double rate) {
    double u = rng.nextDouble();
    double p = Math.exp(-rate);
    double cumulative = p;
    long k = 0;
    while (u > cumulative && k < 10_000) {
      k++;
      p *= rate / k;
      cumulative += p;
    }
    return k;
  }

  private static long mix(long seed, long i) {
    long z = seed + GOLDEN * (i + 1);              // SplitMix64 finalizer: neighbouring rows get unrelated streams
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
