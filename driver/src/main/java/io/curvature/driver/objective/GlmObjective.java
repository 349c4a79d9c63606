package io.curvature.driver.objective;

import io.curvature.workers.GramPartial;
import io.curvature.workers.GramSample;
import io.curvature.workers.LossPartial;
import io.curvature.workers.RowLoss;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generalized linear model's objective in MLlib's scaling, built from the data's sums, a per-row loss and a
 * regularizer: f(w) = (1/W) sum_i s_i l(m_i; y_i) + sum_j (a_j / 2) w_j^2, plus an L1 part sum_j c_j |w_j| that the
 * solvers handle ({@link #l1Weights()}). Row weights s_i sum to W (W = n without weights); margins m_i are
 * w_k.x_i + b_k for the K outputs of the loss; intercepts, when fitted, are the last K coordinates and go unpenalized.
 *
 * <p>The regularizer and the 1/W scaling are applied here, once, on the driver; the workers only sum. Frozen
 * coordinates (see {@link Regularizer}) read as 0 whatever the point holds, have gradient 0 and an identity block in
 * every Hessian, so that no solver moves them.
 *
 * <p>Dense Hessians are offered up to {@link #MAX_DENSE_DIMENSION}. The sample Hessian sums about one row in k,
 * drawn by the size of its Hessian term (see {@code Block.gram}), k chosen so that about
 * max({@value #SAMPLE_ROWS_PER_COEFFICIENT} (d + 1), {@value #MIN_SAMPLE_ROWS}) rows are taken (each brings K
 * outer products): enough for the estimate to be well conditioned, few enough to cost a part of a pass.
 */
public final class GlmObjective implements Objective {
  /** Sample rows per feature for the sample Hessian. */
  public static final int SAMPLE_ROWS_PER_COEFFICIENT = 12;
  /** Fewest sample rows for the sample Hessian. */
  public static final int MIN_SAMPLE_ROWS = 2000;
  /** Largest dimension with dense Hessians: 8 d^2 bytes a partition partial (134 MB at 4096). */
  public static final int MAX_DENSE_DIMENSION = 4096;

  private static final AtomicInteger OWNERS = new AtomicInteger(new SplittableRandom().nextInt());

  private final BlockSums sums;
  private final RowLoss loss;
  private final boolean fitIntercept;
  private final Regularizer regularizer;
  private final boolean quadratic;
  private final int numFeatures;
  private final int dimension;
  private final double weightSum;
  /** Upper 32 bits of every evaluation key: no two objectives over the same cached data share curvature state. */
  private final long owner = newOwner();
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong passes = new AtomicLong();
  private final int sampleStride;
  /** The sample Hessian's rows: about one in {@link #sampleStride}, drawn in the penalty's units of the features. */
  private final GramSample sample;

  /**
   * @param quadratic whether the loss has constant curvature (least squares): Newton then extrapolates exactly
   */
  public GlmObjective(BlockSums sums, RowLoss loss, boolean fitIntercept, Regularizer regularizer,
      boolean quadratic) {
    this.sums = sums;
    this.loss = loss;
    this.fitIntercept = fitIntercept;
    this.regularizer = regularizer;
    this.quadratic = quadratic;
    this.numFeatures = sums.summary().numFeatures();
    this.dimension = (numFeatures + (fitIntercept ? 1 : 0)) * loss.outputs();
    if (regularizer.dimension() != dimension) {
      throw new IllegalArgumentException("regularizer has dimension " + regularizer.dimension() + ", expected "
          + dimension);
    }
    this.weightSum = sums.summary().weightSum();
    long sampleRows = Math.max((long) SAMPLE_ROWS_PER_COEFFICIENT * (numFeatures + 1), MIN_SAMPLE_ROWS);
    this.sampleStride = (int) Math.max(1, Math.min(Integer.MAX_VALUE, sums.summary().rows() / sampleRows));
    this.sample = new GramSample(sampleStride, sampleFeatureWeights(regularizer.featureScale()));
  }

  /**
   * 1 / scale_j^2 (0 for a feature of scale 0, frozen): rows drawn as they would be from the data x_ij / scale_j,
   * the data of the problem the penalty poses (see {@link GramSample}); null, the data's own units, without scales.
   */
  private static double[] sampleFeatureWeights(double[] scale) {
    if (scale == null) {
      return null;
    }
    double[] u = new double[scale.length];
    for (int j = 0; j < scale.length; j++) {
      u[j] = scale[j] > 0 ? 1.0 / (scale[j] * scale[j]) : 0.0;
    }
    return u;
  }

  /** L2-regularized binary logistic regression, lambda/2 ||w||^2, intercept unpenalized (the first model). */
  public static GlmObjective logistic(BlockSums sums, double lambda, boolean fitIntercept) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("regParam is " + lambda + ", expected a finite number >= 0");
    }
    int d = sums.summary().numFeatures();
    return new GlmObjective(sums, io.curvature.workers.LogisticLoss.INSTANCE, fitIntercept,
        Regularizer.l2(d + (fitIntercept ? 1 : 0), d, lambda), false);
  }

  /**
   * The upper 32 bits of a new objective's evaluation keys, unique in this JVM across every kind of objective, so
   * that objectives over the same cached blocks never read each other's cached state or point broadcasts.
   */
  static long newOwner() {
    return (long) OWNERS.incrementAndGet() << 32;
  }

  /**
   * Dense flops (the sample's Gram by dsyrk, the driver's Cholesky) that cost as much as one stored value's share of
   * a value+gradient pass: on Fashion-MNIST binary (10,000 sampled rows, d = 784, 23.4 million nonzeros, 6.3e9
   * flops) the Gram's pass took 0.9 to 1.6 s against 0.05 to 0.2 s for a plain pass, about 8 to 15 passes more.
   */
  static final double DENSE_FLOPS_PER_NONZERO = 32;

  /**
   * The most a rebuild is taken to cost, in passes. The flop count overstates it on sparse rows (generated data,
   * 100,000 x 1,000 at 20 nonzeros a row: counted 200 passes, measured 13, the Gram's pass 0.47 s against 0.035 s),
   * and an overstated cost would keep a stale preconditioner for that many extra CG steps.
   */
  static final double MAX_REBUILD_PASSES = 10;

  @Override
  public double sampleHessianRebuildPasses() {
    double d = dimension;
    double rows = Math.ceil((double) sums.summary().rows() / sampleStride);
    double flops = rows * d * d + d * d * d / 3;
    double passes = flops / (DENSE_FLOPS_PER_NONZERO * Math.max(1, sums.summary().nonzeros()));
    return Math.max(1, Math.min(MAX_REBUILD_PASSES, passes));
  }

  /** About one row in how many the sample Hessian takes. */
  public int sampleStride() {
    return sampleStride;
  }

  public DataSummary summary() {
    return sums.summary();
  }

  public RowLoss loss() {
    return loss;
  }

  public boolean fitIntercept() {
    return fitIntercept;
  }

  public Regularizer regularizer() {
    return regularizer;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public long passes() {
    return passes.get();
  }

  @Override
  public boolean offers(Extra extra) {
    return extra == Extra.NONE || extra == Extra.DIAGONAL || dimension <= MAX_DENSE_DIMENSION;
  }

  @Override
  public boolean offersSampledHessian() {
    return true;
  }

  /** The Gram rates where the blocks are ({@link BlockSums#gramFlopsPerCore}), measured once per dimension. */
  private double[] gramRates;
  private int gramRatesDimension = -1;

  private synchronized double[] gramRates(int dim) {
    if (gramRates == null || gramRatesDimension != dim) {
      gramRates = sums.gramFlopsPerCore(dim);
      gramRatesDimension = dim;
    }
    return gramRates;
  }

  @Override
  public double gramFlopsPerCore(int dim) {
    return gramRates(dim)[0];
  }

  @Override
  public double sampleGramFlopsPerCore(int dim) {
    return gramRates(dim)[1];
  }

  @Override
  public double[] l1Weights() {
    return regularizer.l1Weights();
  }

  @Override
  public double[] regularizerCurvature() {
    double[] r = regularizer.curvature();
    for (int j = 0; j < dimension; j++) {
      if (regularizer.frozen(j)) {
        r[j] = 1.0;
      }
    }
    return r;
  }

  @Override
  public boolean quadratic() {
    return quadratic;
  }

  /** The loss decides: a GLM's data term is convex exactly when its per-row loss is (the sigmoid's is not). */
  @Override
  public boolean convex() {
    return loss.convex();
  }

  @Override
  public void describe(String context) {
    sums.describe(context);
  }

  /** F = f + the L1 part at {@code w} (one pass). */
  public double fullValue(double[] w) {
    return evaluate(w).value() + regularizer.l1Value(frozenAtZero(w));
  }

  @Override
  public Evaluation evaluate(double[] w, Extra extra) {
    if (w.length != dimension) {
      throw new IllegalArgumentException("point has dimension " + w.length + ", expected " + dimension);
    }
    for (int j = 0; j < w.length; j++) {
      if (!Double.isFinite(w[j])) {
        throw new IllegalArgumentException("coordinate " + j + " of the point is " + w[j]);
      }
    }
    if (!offers(extra)) {
      throw new IllegalArgumentException("dense Hessians are offered up to dimension " + MAX_DENSE_DIMENSION
          + ", not " + dimension);
    }
    double[] point = frozenAtZero(w);
    long key = owner | (evaluations.incrementAndGet() & 0xFFFF_FFFFL);
    GramSample gram = switch (extra) {
      case HESSIAN -> GramSample.all();
      case SAMPLE_HESSIAN -> sample;
      default -> null;
    };
    LossPartial partial = sums.valueGradient(loss, fitIntercept, point, key, extra != Extra.NONE, gram);
    passes.incrementAndGet();
    double[] gradient = partial.gradient();
    double[] diagonal = partial.diagonal();
    double smooth = regularizer.addToDataSums(point, gradient, diagonal, weightSum);
    unfreeze(gradient, 0.0);
    double value = partial.loss() / weightSum + smooth;
    GlmEvaluation e = new GlmEvaluation(point, key, value, gradient);
    if (diagonal != null) {
      unfreeze(diagonal, 1.0);
      e.diagonal = diagonal;
    }
    if (extra == Extra.HESSIAN) {
      e.hessian = regularizedMatrix(partial.gram());
    } else if (extra == Extra.SAMPLE_HESSIAN) {
      e.sampleHessian = regularizedMatrix(partial.gram());
    }
    return e;
  }

  /**
   * For a quadratic f holding its Hessian: f(w + s) = f + g.s + s.H s / 2 and g(w + s) = g + H s, exact up to
   * rounding, with no pass.
   */
  @Override
  public Evaluation extrapolate(Evaluation at, double[] step) {
    if (!quadratic || !(at instanceof GlmEvaluation e) || e.hessian == null) {
      return null;
    }
    int n = dimension;
    double[] hs = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += e.hessian[i * n + j] * step[j];
      }
      hs[i] = s;
    }
    double[] point = new double[n];
    double[] gradient = new double[n];
    double change = 0;
    for (int j = 0; j < n; j++) {
      point[j] = e.point[j] + step[j];
      gradient[j] = e.gradient()[j] + hs[j];
      change += step[j] * (e.gradient()[j] + 0.5 * hs[j]);
    }
    GlmEvaluation next = new GlmEvaluation(frozenAtZero(point), owner | (evaluations.incrementAndGet() & 0xFFFF_FFFFL),
        e.value() + change, gradient);
    next.hessian = e.hessian;                          // constant curvature
    next.diagonal = e.diagonal;
    return next;
  }

  private double[] frozenAtZero(double[] w) {
    double[] point = w.clone();
    if (regularizer.hasFrozen()) {
      for (int j = 0; j < dimension; j++) {
        if (regularizer.frozen(j)) {
          point[j] = 0.0;
        }
      }
    }
    return point;
  }

  /** Sets the frozen coordinates of {@code v} to {@code value}. */
  private void unfreeze(double[] v, double value) {
    if (regularizer.hasFrozen()) {
      for (int j = 0; j < dimension; j++) {
        if (regularizer.frozen(j)) {
          v[j] = value;
        }
      }
    }
  }

  private double[] regularizeDiagonal(double[] diagonal) {
    for (int j = 0; j < dimension; j++) {
      diagonal[j] = diagonal[j] / weightSum + regularizer.curvature(j);
    }
    unfreeze(diagonal, 1.0);
    return diagonal;
  }

  /** (1/W_S) S + diag(a), full and symmetric, from the lower triangle of a Gram partial S; identity where frozen. */
  private double[] regularizedMatrix(GramPartial gram) {
    double[] h = gram.lower();
    double scale = gram.weightSum() > 0 ? 1.0 / gram.weightSum() : 0.0;
    int n = dimension;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double x = regularizer.frozen(i) || regularizer.frozen(j) ? 0.0 : h[i * n + j] * scale;
        h[i * n + j] = x;
        h[j * n + i] = x;
      }
      h[i * n + i] += regularizer.frozen(i) ? 1.0 : regularizer.curvature(i);
    }
    return h;
  }

  private final class GlmEvaluation extends PointEvaluation implements DenseCurvature {
    private double[] diagonal;
    private double[] hessian;
    private double[] sampleHessian;

    GlmEvaluation(double[] point, long key, double value, double[] gradient) {
      super(point, key, value, gradient);
    }

    @Override
    public void hessianVector(double[] v, double[] out) {
      product(v, out, 1, 0);
    }

    @Override
    public void sampledHessianVector(double[] v, double[] out, int stride, int offset) {
      product(v, out, stride, offset);
    }

    /**
     * H v with the data part averaged over every stride-th row from offset (all rows when stride is 1: the exact
     * product, by the pass that sends no weight back), plus the regularizer's part; frozen coordinates pass through.
     */
    private void product(double[] v, double[] out, int stride, int offset) {
      if (v.length != dimension || out.length != dimension) {
        throw new IllegalArgumentException("vector lengths " + v.length + " and " + out.length + ", expected "
            + dimension);
      }
      double[] free = v;
      if (regularizer.hasFrozen()) {
        free = v.clone();
        unfreeze(free, 0.0);
      }
      double[] sum;
      double weight;
      if (stride == 1) {
        sum = sums.hessianVector(loss, fitIntercept, point, key, free);
        weight = weightSum;
      } else {
        sum = sums.hessianVectorSampled(loss, fitIntercept, point, key, free, stride, offset);
        weight = sum[dimension];
        if (!(weight > 0)) {
          throw new IllegalStateException("the Hessian sample (every " + stride + "th row from " + offset
              + ") holds no weight: use a smaller stride");
        }
      }
      passes.incrementAndGet();
      for (int j = 0; j < dimension; j++) {
        out[j] = regularizer.frozen(j) ? v[j] : sum[j] / weight + regularizer.curvature(j) * v[j];
      }
    }

    @Override
    public synchronized double[] hessianDiagonal() {
      if (diagonal == null) {
        diagonal = regularizeDiagonal(sums.hessianDiagonal(loss, fitIntercept, point, key));
        passes.incrementAndGet();
      }
      return diagonal;
    }

    @Override
    public synchronized double[] hessian() {
      checkDense();
      if (hessian == null) {
        hessian = regularizedMatrix(sums.gram(loss, fitIntercept, point, key, GramSample.all()));
        passes.incrementAndGet();
      }
      return hessian;
    }

    @Override
    public synchronized double[] sampleHessian() {
      checkDense();
      if (hessian != null) {
        return hessian;
      }
      if (sampleHessian == null) {
        sampleHessian = regularizedMatrix(sums.gram(loss, fitIntercept, point, key, sample));
        passes.incrementAndGet();
      }
      return sampleHessian;
    }

    private void checkDense() {
      if (dimension > MAX_DENSE_DIMENSION) {
        throw new UnsupportedOperationException("dense Hessians are offered up to dimension " + MAX_DENSE_DIMENSION
            + ", not " + dimension);
      }
    }
  }
}
