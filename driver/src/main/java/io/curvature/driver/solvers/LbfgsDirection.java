package io.curvature.driver.solvers;

import io.curvature.driver.linalg.ChunkedSums;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989; Nocedal and Wright, Algorithms 7.4 and 7.5): the two-loop recursion
 * over the last m pairs (s, y) with a strong Wolfe line search. A pair with s.y not safely positive is skipped, so
 * the implicit inverse Hessian stays positive definite.
 *
 * <p>The initial matrix H0 is either the usual gamma I with gamma = s.y / y.y, or, with diagonal scaling (the
 * default), gamma D^-1 with D the Hessian diagonal at a recent point and gamma = s.y / y.D^-1.y. D comes with a
 * value+gradient pass without another read of the data (the rows are already in cache), refreshed on the schedule of
 * {@link PairsDirection}, and it undoes bad feature scaling the way MLlib's internal standardization does, without
 * changing the problem. A zero entry of D (a feature absent from the data, unregularized) is replaced by the mean of
 * the positive ones: the direction is 0 there anyway, and 0/0 is not.
 */
final class LbfgsDirection extends PairsDirection {
  /** Pairs kept by default (MLlib and Breeze use 10 too). */
  static final int DEFAULT_MEMORY = 10;
  /** A pair is kept only if s.y > CURVATURE_EPS ||s|| ||y||: positive, and not destroyed by rounding. */
  private static final double CURVATURE_EPS = 1e-12;

  private final LineSearch lineSearch;

  LbfgsDirection(Objective objective, int memory, boolean diagonalScaling) {
    super(objective, checked(memory), diagonalScaling);
    if (L1.active(objective.l1Weights())) {
      throw new IllegalArgumentException("lbfgs cannot minimize an L1 penalty (elastic net > 0): use owlqn, prox-newton or auto");
    }
    this.lineSearch = new StrongWolfeLineSearch(objective, this::extra);
  }

  private static int checked(int memory) {
    if (memory < 1) {
      throw new IllegalArgumentException("L-BFGS memory is " + memory + ", expected >= 1");
    }
    return memory;
  }

  @Override
  public LineSearch lineSearch() {
    return lineSearch;
  }

  @Override
  protected Direction direction(Evaluation at, double[] scaling) {
    double[] d = pairs.direction(at.gradient(), scaling);
    Vectors.scale(-1.0, d);
    return Direction.of(d, initialStep(pairs, d, scaling), 0);
  }

  /**
   * 1 once pairs give the direction its scale; before that a unit-length step along -g, or the full diagonal Newton
   * step -D^-1 g, which has the scale of the Hessian already.
   */
  static double initialStep(Pairs pairs, double[] direction, double[] scaling) {
    return pairs.size() > 0 || scaling != null ? 1.0 : 1.0 / Math.max(1.0, Vectors.norm(direction));
  }

  /** D with non-positive (or non-finite) entries replaced by the mean of the positive ones, or 1 if none is. */
  static double[] safeDiagonal(double[] d) {
    double sum = 0;
    int positive = 0;
    for (double x : d) {
      if (x > 0 && Double.isFinite(x)) {
        sum += x;
        positive++;
      }
    }
    double fill = positive > 0 ? sum / positive : 1.0;
    double[] safe = d.clone();
    for (int j = 0; j < safe.length; j++) {
      if (!(safe[j] > 0 && Double.isFinite(safe[j]))) {
        safe[j] = fill;
      }
    }
    return safe;
  }

  /**
   * The last m pairs, oldest first, and the two-loop recursion over them. Shared with OWL-QN. At large d this is the
   * solver's own cost between passes, so the recursion runs as fused sweeps ({@link ChunkedSums}: each pair's update
   * and the next pair's inner product in one read of the arrays, 2m + 2 sweeps instead of 4m + 2), and a pair pushed
   * out of the memory lends its arrays to the next one (no fresh 2 x 8 MB at d = 10^6 an iteration).
   */
  static final class Pairs {
    private final int memory;
    private final List<double[]> s = new ArrayList<>();
    private final List<double[]> y = new ArrayList<>();
    private final List<Double> rho = new ArrayList<>();
    /** Arrays of a pair pushed out or refused, reused for the next one. */
    private double[] spareS;
    private double[] spareY;

    Pairs(int memory) {
      this.memory = memory;
    }

    int size() {
      return s.size();
    }

    void clear() {
      s.clear();
      y.clear();
      rho.clear();
    }

    /** Adds the pair (x1 - x0, g1 - g0) of an accepted step. */
    void addStep(double[] x1, double[] x0, double[] g1, double[] g0) {
      int n = x1.length;
      double[] sk = spareS != null && spareS.length == n ? spareS : new double[n];
      double[] yk = spareY != null && spareY.length == n ? spareY : new double[n];
      spareS = null;
      spareY = null;
      double[] dots = ChunkedSums.pairAndDots(x1, x0, g1, g0, sk, yk);
      add(sk, yk, dots[0], dots[1], dots[2]);
    }

    /** Adds the pair (sk, yk), whose arrays it then owns. */
    void add(double[] sk, double[] yk) {
      add(sk, yk, ChunkedSums.dot(sk, yk), ChunkedSums.dot(sk, sk), ChunkedSums.dot(yk, yk));
    }

    /** Adds the pair (sk, yk) given sk.yk, sk.sk and yk.yk. */
    private void add(double[] sk, double[] yk, double sy, double ss, double yy) {
      if (!(sy > CURVATURE_EPS * Math.sqrt(ss) * Math.sqrt(yy))) {
        spareS = sk;                               // skip: would break positive definiteness
        spareY = yk;
        return;
      }
      if (s.size() == memory) {
        spareS = s.remove(0);
        spareY = y.remove(0);
        rho.remove(0);
      }
      s.add(sk);
      y.add(yk);
      rho.add(1.0 / sy);
    }

    /** H_k q by the two-loop recursion, with H0 = gamma D^-1 (D = {@code scaling}, or I when null). */
    double[] direction(double[] g, double[] scaling) {
      int m = s.size();
      int n = g.length;
      double[] q = g.clone();
      double[] alpha = new double[m];
      // First loop, newest pair first: alpha_i = rho_i s_i.q, then q -= alpha_i y_i; a sweep subtracts pair i + 1's
      // y while it forms s_i.q.
      for (int i = m - 1; i >= 0; i--) {
        double[] si = s.get(i);
        if (i == m - 1) {
          alpha[i] = rho.get(i) * ChunkedSums.dot(si, q);
        } else {
          double minusAlpha = -alpha[i + 1];
          double[] yNext = y.get(i + 1);
          alpha[i] = rho.get(i) * ChunkedSums.sweep(n, (from, to) ->
              ChunkedSums.axpyDot(minusAlpha, yNext, q, si, from, to));
        }
      }
      // The last subtraction, then D^-1 (or I) applied, with the newest y's y.D^-1.y (y.y) for gamma alongside.
      double minusAlpha0 = m > 0 ? -alpha[0] : 0.0;
      double[] yOldest = m > 0 ? y.get(0) : null;
      double[] yNewest = m > 0 ? y.get(m - 1) : null;
      double yHy = ChunkedSums.sweep(n, (from, to) -> {
        double acc = 0.0;
        for (int j = from; j < to; j++) {
          double dj = scaling == null ? 1.0 : scaling[j];
          q[j] = (yOldest == null ? q[j] : q[j] + minusAlpha0 * yOldest[j]) / dj;
          if (yNewest != null) {
            acc += yNewest[j] * yNewest[j] / dj;
          }
        }
        return acc;
      });
      if (m == 0) {
        return q;
      }
      double gamma = 1.0 / (rho.get(m - 1) * yHy);       // s.y / y.D^-1.y, or s.y / y.y
      // Second loop, oldest first: beta_i = rho_i y_i.r, then r += (alpha_i - beta_i) s_i; a sweep adds pair i - 1's
      // s while it forms y_i.r (the first one scales by gamma instead).
      double pending = 0.0;                              // alpha_i - beta_i of the pair before, not yet added
      for (int i = 0; i < m; i++) {
        double[] yi = y.get(i);
        double dot;
        if (i == 0) {
          dot = ChunkedSums.sweep(n, (from, to) -> ChunkedSums.scaleDot(gamma, q, yi, from, to));
        } else {
          double c = pending;
          double[] sPrev = s.get(i - 1);
          dot = ChunkedSums.sweep(n, (from, to) -> ChunkedSums.axpyDot(c, sPrev, q, yi, from, to));
        }
        pending = alpha[i] - rho.get(i) * dot;
      }
      double c = pending;
      double[] sNewest = s.get(m - 1);
      ChunkedSums.sweep(n, (from, to) -> {
        for (int j = from; j < to; j++) {
          q[j] += c * sNewest[j];
        }
        return 0.0;
      });
      return q;
    }

    SolverState.Memory memory(double[] scalingPoint, int steps) {
      return new SolverState.QuasiNewton(s, y, scalingPoint, steps);
    }

    /** The pairs of a saved state, copied (this memory reuses its arrays; the state's stay as they were). */
    void restore(SolverState.Memory m) {
      clear();
      if (m instanceof SolverState.QuasiNewton pairs) {
        for (int i = 0; i < pairs.s().size(); i++) {
          add(pairs.s().get(i).clone(), pairs.y().get(i).clone());
        }
      }
    }
  }
}
