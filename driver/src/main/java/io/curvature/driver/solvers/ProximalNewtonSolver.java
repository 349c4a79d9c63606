package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * Proximal Newton for F = f + sum_j c_j |w_j| (Lee, Sun and Saunders, "Proximal Newton-type methods", SIAM J. Optim.
 * 2014; the outer loop of LIBLINEAR's newGLMNET, Yuan, Ho and Lin 2012): at each point, the quadratic model of f with
 * the sample Hessian M (summed in the same pass as the gradient) plus the exact L1 part is minimized by coordinate
 * descent on the driver (d x d, no pass), and a backtracking line search along the model's minimizer d accepts
 * F(w + a d) <= F(w) + sigma a D, D = g.d + |w + d|_c - |w|_c (Tseng and Yun 2009). Any positive definite M gives a
 * descent direction and global convergence; the closer M is to the Hessian, the closer the local rate is to
 * Newton's. Unlike OWL-QN it sees the curvature between coordinates at once, which is what an ill-conditioned
 * elastic net needs. Needs the objective to offer the sample Hessian (dimension up to a few thousand).
 */
final class ProximalNewtonSolver implements Solver {
  static final double SIGMA = 1e-4;
  static final int MAX_BACKTRACKS = 30;
  /** Coordinate-descent sweeps per model at most, and the relative change that ends them. */
  static final int MAX_SWEEPS = 200;
  static final double SWEEP_TOLERANCE = 1e-4;

  private final StoppingTest rule;

  ProximalNewtonSolver(StoppingTest rule) {
    this.rule = rule;
  }

  @Override
  public String name() {
    return "prox-newton";
  }

  @Override
  public SolverResult minimize(Objective objective, SolverState from, IterationListener listener) {
    if (!objective.offers(Extra.SAMPLE_HESSIAN)) {
      throw new IllegalArgumentException("prox-newton needs a dense Hessian sample, offered up to a few thousand "
          + "coefficients; this objective has " + objective.dimension() + ": use owlqn");
    }
    SolverRun run = new SolverRun(name(), objective, rule, listener, from);
    double[] c = objective.l1Weights();
    int iteration = from.iteration();
    run.describe(iteration - 1);
    Evaluation current = objective.evaluate(from.point(), Extra.SAMPLE_HESSIAN);
    run.begin(current);
    while (true) {
      Optional<Stop> stop = run.check(iteration, current);
      if (stop.isPresent()) {
        return run.finish(current, iteration, stop.get());
      }
      run.describe(iteration);
      double[] w = current.point();
      double[] g = current.gradient();
      Model model = minimizeModel(g, withExactDiagonal(current.dense().sampleHessian(), current.hessianDiagonal()),
          w, c);
      double decrease = Vectors.dot(g, model.d()) + L1.value(Vectors.plus(w, 1.0, model.d()), c) - L1.value(w, c);
      if (!(decrease < 0)) {
        return run.finish(current, iteration, Status.NO_PROGRESS, "the model predicts no decrease (" + decrease
            + ")");
      }
      double f0 = run.objectiveValue(current);
      double s0 = run.stationarity(current);
      double alpha = 1.0;
      Evaluation accepted = null;
      for (int k = 0; k < MAX_BACKTRACKS && accepted == null; k++) {
        // the next model's Hessian sample is summed in the trial's own pass: free when the trial is accepted, as
        // the unit step nearly always is; a rejected trial wastes it
        Evaluation trial = objective.evaluate(Vectors.plus(w, alpha, model.d()), Extra.SAMPLE_HESSIAN);
        double f = run.objectiveValue(trial);
        boolean roundingLevel = f <= f0 + StrongWolfeLineSearch.APPROXIMATE_EPSILON * Math.abs(f0)
            && run.stationarity(trial) < s0;
        if (Double.isFinite(f) && (f <= f0 + SIGMA * alpha * decrease || roundingLevel)) {
          accepted = trial;
        } else {
          alpha *= 0.5;
        }
      }
      if (accepted == null) {
        return run.finish(current, iteration, Status.LINE_SEARCH_FAILED, "no sufficient decrease in "
            + MAX_BACKTRACKS + " halvings");
      }
      iteration++;
      current = accepted;
      run.record(iteration, current, alpha * Vectors.norm(model.d()), alpha, model.sweeps());
      run.publish(iteration, current, SolverState.None::new);
    }
  }

  /**
   * The sample Hessian with each diagonal entry raised to the exact one where the sample's is smaller. A feature
   * that few rows use is in few sampled rows, so its sampled curvature can be far below the true one (zero when no
   * sampled row has it); under standardization its penalty curvature is small too (lambda (1 - alpha) sigma_j^2), so
   * the model would let it move far more than f allows and the line search would halve the whole step for it.
   * Adding a nonnegative diagonal keeps the matrix positive semi-definite.
   */
  static double[] withExactDiagonal(double[] sample, double[] diagonal) {
    int n = diagonal.length;
    double[] m = sample.clone();
    for (int j = 0; j < n; j++) {
      m[j * n + j] = Math.max(m[j * n + j], diagonal[j]);
    }
    return m;
  }

  /** The model's minimizer d and the sweeps it took. */
  record Model(double[] d, int sweeps) {}

  /**
   * argmin_d g.d + d'Md/2 + sum_j c_j |w_j + d_j| by cyclic coordinate descent, M row-major n x n. Each coordinate's
   * minimizer is a soft threshold; M d is kept up to date, so a sweep costs n^2 flops.
   */
  static Model minimizeModel(double[] g, double[] m, double[] w, double[] c) {
    int n = g.length;
    double[] d = new double[n];
    double[] md = new double[n];
    int sweeps = 0;
    while (sweeps < MAX_SWEEPS) {
      sweeps++;
      double largestChange = 0;
      double largestD = 0;
      for (int j = 0; j < n; j++) {
        double a = Math.max(m[j * n + j], 1e-12);
        double z = w[j] + d[j];
        double u = z - (g[j] + md[j]) / a;
        double threshold = c == null ? 0 : c[j] / a;
        double zNew = Math.signum(u) * Math.max(0, Math.abs(u) - threshold);
        double delta = zNew - z;
        if (delta != 0) {
          d[j] += delta;
          int row = j * n;
          for (int i = 0; i < n; i++) {
            md[i] += delta * m[row + i];          // M symmetric: column j is row j
          }
          largestChange = Math.max(largestChange, Math.abs(delta));
        }
        largestD = Math.max(largestD, Math.abs(d[j]));
      }
      if (largestChange <= SWEEP_TOLERANCE * largestD) {
        break;
      }
    }
    return new Model(d, sweeps);
  }
}
