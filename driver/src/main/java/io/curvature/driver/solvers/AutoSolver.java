package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Cholesky;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks exact Newton, TRON or L-BFGS from a cost model and runs it. The model (README, "auto"):
 *
 * <pre>
 *   pass     = measured time of one value+gradient pass at w0
 *   gram     = n_rows * dim^2 / (cores * F), F = dsyrk rate where the blocks are (flop/s per core: on Spark, the
 *              executors' slowest, one job), see {@code BlockSums#gramFlopsPerCore}
 *   gram_S   = the same with F_S, the measured rate of the sample Gram's kernel (the same kernel unless the JVM lacks
 *              the Vector API: plain loops then)
 *   chol     = seconds of one Cholesky factorization of dim x dim on the driver (measured: a factorization of
 *              dimension up to 512, scaled by dim^3)
 *   newton   = {@value #NEWTON_ITERATIONS} * (pass + gram + chol)                       (dim &lt;= 4096 only)
 *   tron     = {@value #TRON_ITERATIONS} * (1 + {@value #CG_SAMPLE}) * pass
 *              + {@value #TRON_BUILDS} * (gram_S / k + chol)
 *              sample-Hessian preconditioner, dim &lt;= 2048, k = sample stride
 *            = {@value #TRON_ITERATIONS_DIAGONAL} * (1 + {@value #CG_DIAGONAL}) * pass  diagonal preconditioner, larger dim
 *   lbfgs    = 1.1 * {@value #LBFGS_ITERATIONS_SMALL} * pass (dim &lt;= 2048), 1.1 * {@value #LBFGS_ITERATIONS_WIDE} * pass
 * </pre>
 *
 * The counts are those measured at tolerance 1e-6 on the two kinds of data at hand: Fashion-MNIST (d = 784, dense
 * correlated pixels: L-BFGS needs about 470 iterations, TRON 8 with 3 CG steps each, exact Newton 9 iterations, so
 * 10 passes with the Hessian, one at each point) and generated sparse data (d = 5,000 and 10^6: L-BFGS 26 to 32
 * iterations, TRON with the diagonal preconditioner 12 to 14 with about 12 CG steps each). The dimension stands in
 * for what really decides, the conditioning; a short L-BFGS probe that measures the convergence rate would decide
 * better. The choice is the smallest estimate, and the result's message states all three.
 *
 * <p>Two cases need no estimate: an objective with an L1 part goes to OWL-QN, the only solver here that handles it;
 * a quadratic one (least squares) of dimension up to 4096 goes to exact Newton, which solves it in one pass.
 */
public final class AutoSolver implements Solver {
  static final int NEWTON_ITERATIONS = 10;
  static final int TRON_ITERATIONS = 10;
  /**
   * Sample-Hessian preconditioners TRON builds: the first and the rebuilds its rent rule asks for (on Fashion-MNIST
   * binary one, at the fifth of nine iterations); 3 allows one more.
   */
  static final int TRON_BUILDS = 3;
  static final int CG_SAMPLE = 4;
  static final int TRON_ITERATIONS_DIAGONAL = 13;
  static final int CG_DIAGONAL = 12;
  static final int LBFGS_ITERATIONS_SMALL = 450;
  static final int LBFGS_ITERATIONS_WIDE = 40;

  private final StoppingRule rule;
  private final ProblemSize size;
  private final int sampleStride;
  private final int maxCg;

  /** @param sampleStride the objective's sample-Hessian stride (rows per sampled row) */
  public AutoSolver(StoppingRule rule, ProblemSize size, int sampleStride) {
    this(rule, size, sampleStride, TrustRegionSolver.DEFAULT_MAX_CG);
  }

  /** @param maxCg CG steps per Newton step at most, for the solver chosen when it runs CG */
  public AutoSolver(StoppingRule rule, ProblemSize size, int sampleStride, int maxCg) {
    this.rule = rule;
    this.size = size;
    this.sampleStride = Math.max(1, sampleStride);
    this.maxCg = maxCg;
  }

  @Override
  public String name() {
    return "auto";
  }

  /** The estimates, in seconds, for a measured pass time and Gram rate; exposed for tests of the rule. */
  record Estimates(double newton, double tron, double lbfgs) {
    String choice() {
      if (newton <= tron && newton <= lbfgs) {
        return "newton";
      }
      return tron <= lbfgs ? "tron" : "lbfgs";
    }
  }

  Estimates estimate(double passSeconds, double gramFlopsPerCore) {
    return estimate(passSeconds, gramFlopsPerCore, true);
  }

  /** @param dense whether the objective offers dense Hessians (explicit and sampled) */
  Estimates estimate(double passSeconds, double gramFlopsPerCore, boolean dense) {
    return estimate(passSeconds, gramFlopsPerCore, gramFlopsPerCore, dense);
  }

  /** As above with the sample Gram's own rate (its kernel differs from the explicit Hessian's on the JVM). */
  Estimates estimate(double passSeconds, double gramFlopsPerCore, double sampleGramFlopsPerCore, boolean dense) {
    return estimate(passSeconds, gramFlopsPerCore, sampleGramFlopsPerCore, 0.0, dense);
  }

  /** As above with the driver's Cholesky factorization of dim x dim, in seconds, which both dense methods pay. */
  Estimates estimate(double passSeconds, double gramFlopsPerCore, double sampleGramFlopsPerCore,
      double factorSeconds, boolean dense) {
    int dim = size.dimension();
    double gram = (double) size.rows() * dim * dim / (size.cores() * gramFlopsPerCore);
    double sampleGram = (double) size.rows() * dim * dim / (size.cores() * sampleGramFlopsPerCore) / sampleStride;
    double newton = dense && dim <= NewtonDirection.DEFAULT_MAX_DIMENSION
        ? NEWTON_ITERATIONS * (passSeconds + gram + factorSeconds) : Double.POSITIVE_INFINITY;
    boolean sample = dense && dim <= Preconditioner.Kind.SAMPLE_HESSIAN_MAX_DIMENSION;
    double tron = sample ? TRON_ITERATIONS * (1 + CG_SAMPLE) * passSeconds + TRON_BUILDS * (sampleGram + factorSeconds)
        : TRON_ITERATIONS_DIAGONAL * (1 + CG_DIAGONAL) * passSeconds;
    double lbfgs = 1.1 * (sample ? LBFGS_ITERATIONS_SMALL : LBFGS_ITERATIONS_WIDE) * passSeconds;
    return new Estimates(newton, tron, lbfgs);
  }

  @Override
  public SolverResult minimize(Objective objective, SolverState from, IterationListener listener) {
    long start = System.nanoTime();
    long passesBefore = objective.passes();
    String choice;
    String why;
    Objective solving = objective;
    if (L1.active(objective.l1Weights()) && objective.offers(Extra.SAMPLE_HESSIAN)) {
      choice = "prox-newton";
      why = "chose prox-newton: the objective has an L1 part and a dense Hessian sample is affordable";
    } else if (L1.active(objective.l1Weights())) {
      choice = "owlqn";
      why = "chose owlqn: the objective has an L1 part and too many coefficients for a dense Hessian sample";
    } else if (!objective.convex()) {
      choice = "tron";
      why = "chose tron: the objective is not convex, and only a trust region follows negative curvature away from "
          + "saddle points";
    } else if (quadraticSolvable(objective)) {
      choice = "newton";
      why = "chose newton: the objective is quadratic, one Newton step solves it";
    } else {
      objective.describe("auto: timing a pass");
      // Warm the pass, then time one. The warm-up asks for the diagonal, so that a solver starting with no more
      // (lbfgs, newton-cg and tron with the diagonal preconditioner) takes it as its first evaluation.
      Evaluation warm = objective.evaluate(from.point(), Extra.DIAGONAL);
      solving = new FirstEvaluationKept(objective, warm, Extra.DIAGONAL);
      long t0 = System.nanoTime();
      objective.evaluate(from.point());
      double pass = (System.nanoTime() - t0) * 1e-9;
      boolean dense = objective.offers(Extra.SAMPLE_HESSIAN) && objective.offers(Extra.HESSIAN);
      double factor = dense && size.dimension() <= NewtonDirection.DEFAULT_MAX_DIMENSION
          ? Cholesky.secondsToFactor(size.dimension()) : 0.0;
      Estimates e = estimate(pass, objective.gramFlopsPerCore(size.dimension()),
          objective.sampleGramFlopsPerCore(size.dimension()), factor, dense);
      choice = e.choice();
      why = String.format("chose %s: estimated %s (newton), %s (tron), %s (lbfgs) from a %.3fs pass", choice,
          seconds(e.newton()), seconds(e.tron()), seconds(e.lbfgs()), pass);
    }
    SolverResult inner = Solvers.create(choice, rule, maxCg).minimize(solving, from, listener);
    List<IterationRecord> history = new ArrayList<>(inner.history());
    return new SolverResult(name() + ":" + choice, inner.w(), inner.status(), why + "; " + inner.message(),
        inner.iterations(), objective.passes() - passesBefore, inner.objective(), inner.gradientNorm(),
        (System.nanoTime() - start) * 1e-9, history, inner.cgSpectrum(), inner.preconditioner());
  }

  /** A quadratic objective exact Newton can take: dense Hessian offered, dimension within its limit. */
  private static boolean quadraticSolvable(Objective objective) {
    return objective.quadratic() && objective.offers(Extra.HESSIAN)
        && objective.dimension() <= NewtonDirection.DEFAULT_MAX_DIMENSION;
  }

  private static String seconds(double estimate) {
    return Double.isInfinite(estimate) ? "n/a" : String.format("%.3gs", estimate);
  }
}
