package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989; Nocedal and Wright, Algorithms 7.4 and 7.5): the two-loop recursion
 * over the last m pairs (s, y) with a strong Wolfe line search. A pair with s.y not safely positive is skipped, so
 * the implicit inverse Hessian stays positive definite.
 *
 * <p>The initial matrix H0 is either the usual gamma I with gamma = s.y / y.y, or, with diagonal scaling (the
 * default), gamma D^-1 with D the Hessian diagonal at the current point and gamma = s.y / y.D^-1.y. D comes free with
 * each value+gradient pass (the rows are already in cache), and it undoes bad feature scaling the way MLlib's
 * internal standardization does, without changing the problem. A zero entry of D (a feature absent from the data,
 * unregularized) is replaced by the mean of the positive ones: the direction is 0 there anyway, and 0/0 is not.
 */
final class LbfgsDirection extends PairsDirection {
  /** Pairs kept by default (MLlib and Breeze use 10 too). */
  static final int DEFAULT_MEMORY = 10;
  /** A pair is kept only if s.y > CURVATURE_EPS ||s|| ||y||: positive, and not destroyed by rounding. */
  private static final double CURVATURE_EPS = 1e-12;

  private final boolean diagonalScaling;
  private final LineSearch lineSearch;

  LbfgsDirection(Objective objective, int memory, boolean diagonalScaling) {
    super(checked(memory));
    if (L1.active(objective.l1Weights())) {
      throw new IllegalArgumentException("lbfgs cannot minimize an L1 penalty (elastic net > 0): use owlqn, prox-newton or auto");
    }
    this.diagonalScaling = diagonalScaling;
    this.lineSearch = new StrongWolfeLineSearch(objective, extra());
  }

  private static int checked(int memory) {
    if (memory < 1) {
      throw new IllegalArgumentException("L-BFGS memory is " + memory + ", expected >= 1");
    }
    return memory;
  }

  @Override
  public Extra extra() {
    return diagonalScaling ? Extra.DIAGONAL : Extra.NONE;
  }

  @Override
  public LineSearch lineSearch() {
    return lineSearch;
  }

  @Override
  public Direction direction(Evaluation at, double initialStationarity) {
    double[] scaling = diagonalScaling ? safeDiagonal(at.hessianDiagonal()) : null;
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

  /** The last m pairs, oldest first, and the two-loop recursion over them. Shared with OWL-QN. */
  static final class Pairs {
    private final int memory;
    private final List<double[]> s = new ArrayList<>();
    private final List<double[]> y = new ArrayList<>();
    private final List<Double> rho = new ArrayList<>();

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

    void add(double[] sk, double[] yk) {
      double sy = Vectors.dot(sk, yk);
      if (!(sy > CURVATURE_EPS * Vectors.norm(sk) * Vectors.norm(yk))) {
        return;                                    // skip: would break positive definiteness
      }
      if (s.size() == memory) {
        s.remove(0);
        y.remove(0);
        rho.remove(0);
      }
      s.add(sk);
      y.add(yk);
      rho.add(1.0 / sy);
    }

    /** H_k q by the two-loop recursion, with H0 = gamma D^-1 (D = {@code scaling}, or I when null). */
    double[] direction(double[] g, double[] scaling) {
      int m = s.size();
      double[] q = g.clone();
      double[] alpha = new double[m];
      for (int i = m - 1; i >= 0; i--) {
        alpha[i] = rho.get(i) * Vectors.dot(s.get(i), q);
        Vectors.axpy(-alpha[i], y.get(i), q);
      }
      if (scaling != null) {
        double yDy = 0;
        for (int j = 0; j < q.length; j++) {
          q[j] /= scaling[j];
          if (m > 0) {
            yDy += y.get(m - 1)[j] * y.get(m - 1)[j] / scaling[j];
          }
        }
        if (m > 0) {
          Vectors.scale(1.0 / (rho.get(m - 1) * yDy), q);                             // gamma = s.y / y.D^-1.y
        }
      } else if (m > 0) {
        Vectors.scale(1.0 / (rho.get(m - 1) * Vectors.dot(y.get(m - 1), y.get(m - 1))), q);   // gamma = s.y / y.y
      }
      for (int i = 0; i < m; i++) {
        double beta = rho.get(i) * Vectors.dot(y.get(i), q);
        Vectors.axpy(alpha[i] - beta, s.get(i), q);
      }
      return q;
    }

    SolverState.Memory memory() {
      return new SolverState.QuasiNewton(s, y);
    }

    void restore(SolverState.Memory m) {
      clear();
      if (m instanceof SolverState.QuasiNewton pairs) {
        for (int i = 0; i < pairs.s().size(); i++) {
          add(pairs.s().get(i), pairs.y().get(i));
        }
      }
    }
  }
}
