package io.curvature.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random test matrices that can be packed both ways (CSR and dense) from the same numbers, with labels drawn from a
 * planted logistic model so problems are neither trivial nor separable unless asked for.
 */
public final class RandomProblems {
  private RandomProblems() {}

  /** A dense row-major matrix with labels and optional weights; zeros where a value was not drawn. */
  public record Matrix(int rows, int cols, double[] data, double[] labels, double[] weights) {
    public CsrBlock csr() {
      return csr(0, rows);
    }

    /** Rows [from, to) packed as CSR spanning all columns. */
    public CsrBlock csr(int from, int to) {
      CsrBlock.Builder builder = new CsrBlock.Builder();
      int[] idx = new int[cols];
      double[] val = new double[cols];
      for (int i = from; i < to; i++) {
        int k = 0;
        for (int j = 0; j < cols; j++) {
          double x = data[i * cols + j];
          if (x != 0.0) {
            idx[k] = j;
            val[k++] = x;
          }
        }
        builder.addRow(labels[i], weights == null ? 1.0 : weights[i], idx, val, k);
      }
      return builder.build(cols);
    }

    public DenseBlock dense() {
      return dense(0, rows);
    }

    public DenseBlock dense(int from, int to) {
      double[] part = java.util.Arrays.copyOfRange(data, from * cols, to * cols);
      double[] w = weights == null ? null : java.util.Arrays.copyOfRange(weights, from, to);
      return new DenseBlock(java.util.Arrays.copyOfRange(labels, from, to), w, part, cols);
    }

    /** The rows cut into {@code parts} CSR blocks of nearly equal size. */
    public List<Block> csrBlocks(int parts) {
      List<Block> blocks = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        blocks.add(csr((int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts)));
      }
      return blocks;
    }
  }

  /**
   * Random matrix with the given fraction of nonzeros; column j is scaled by scale^(j/(cols-1)) so that
   * {@code scale = 1e4} gives feature scales spanning four decades (an ill-conditioned Hessian).
   */
  public static Matrix matrix(long seed, int rows, int cols, double density, double scale, boolean weighted,
      boolean separable) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] data = new double[rows * cols];
    double[] planted = new double[cols];
    for (int j = 0; j < cols; j++) {
      planted[j] = rng.nextGaussian();
    }
    double[] labels = new double[rows];
    double[] weights = weighted ? new double[rows] : null;
    for (int i = 0; i < rows; i++) {
      double margin = 0;
      for (int j = 0; j < cols; j++) {
        if (rng.nextDouble() < density) {
          double columnScale = cols == 1 ? 1 : Math.pow(scale, (double) j / (cols - 1));
          double x = rng.nextGaussian() * columnScale;
          data[i * cols + j] = x;
          margin += x * planted[j] / columnScale;
        }
      }
      double p = 1.0 / (1.0 + Math.exp(-2.0 * margin));
      labels[i] = separable ? (margin >= 0 ? 1.0 : -1.0) : (rng.nextDouble() < p ? 1.0 : -1.0);
      if (weighted) {
        weights[i] = 0.25 + 1.5 * rng.nextDouble();
      }
    }
    return new Matrix(rows, cols, data, labels, weights);
  }

  public static double[] gaussian(long seed, int n, double sd) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = sd * rng.nextGaussian();
    }
    return v;
  }
}
