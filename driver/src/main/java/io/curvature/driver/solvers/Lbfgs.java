package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989; Nocedal and Wright, Algorithm 7.4 and 7.5): the two-loop recursion over
 * the last m pairs (s, y) and a strong Wolfe line search. A pair with s.y not safely positive is skipped, so the
 * implicit inverse Hessian stays positive definite.
 *
 * <p>The initial matrix H0 is either the usual gamma I with gamma = s.y / y.y, or, with diagonal scaling (the
 * default), gamma D^-1 with D the Hessian diagonal at the current point and gamma = s.y / y.D^-1.y. D comes free with
 * each value+gradient pass (the rows are already in cache), and it undoes bad feature scaling the way MLlib's
 * internal standardization does, without changing the problem.
 */
public final class Lbfgs implements Solver {
  /** Pairs kept by default (MLlib and Breeze use 10 too). */
  public static final int DEFAULT_MEMORY = 10;
  /** A pair is kept only if s.y > CURVATURE_EPS ||s|| ||y||: positive, and not destroyed by rounding. */
  private static final double CURVATURE_EPS = 1e-12;

  private final StoppingRule rule;
  private final int memory;
  private final boolean diagonalScaling;

  public Lbfgs(StoppingRule rule, int memory, boolean diagonalScaling) {
    if (memory < 1) {
      throw new IllegalArgumentException("L-BFGS memory is " + memory + ", expected >= 1");
    }
    this.rule = rule;
    this.memory = memory;
    this.diagonalScaling = diagonalScaling;
  }

  public Lbfgs(StoppingRule rule) {
    this(rule, DEFAULT_MEMORY, true);
  }

  @Override
  public String name() {
    return "lbfgs";
  }

  @Override
  public SolverResult minimize(Objective objective, double[] w0, IterationListener listener) {
    SolverRun run = new SolverRun(name(), objective, rule, listener);
    StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(objective, diagonalScaling ? Extra.DIAGONAL : Extra.NONE);
    Evaluation current = objective.evaluate(w0, diagonalScaling ? Extra.DIAGONAL : Extra.NONE);
    run.begin(current);
    History pairs = new History(memory, objective.dimension());
    int iteration = 0;
    while (true) {
      Optional<Status> stop = run.check(iteration, current);
      if (stop.isPresent()) {
        return run.finish(current, iteration, stop.get(), null);
      }
      double[] scaling = diagonalScaling ? current.hessianDiagonal() : null;
      double[] direction = pairs.direction(current.gradient(), scaling);
      StrongWolfeLineSearch.Result step = lineSearch.search(current, direction, initialStep(pairs, direction, scaling));
      if (!step.found() && pairs.size() > 0) {      // the memory may be misleading: retry without it once
        pairs.clear();
        direction = pairs.direction(current.gradient(), scaling);
        step = lineSearch.search(current, direction, initialStep(pairs, direction, scaling));
      }
      if (!step.found()) {
        return run.finish(current, iteration, Status.LINE_SEARCH_FAILED,
            "no decrease along the steepest-descent direction after " + step.evaluations() + " trials");
      }
      Evaluation next = step.evaluation();
      double[] s = Vectors.minus(next.point(), current.point());
      double[] y = Vectors.minus(next.gradient(), current.gradient());
      pairs.add(s, y);
      current = next;
      iteration++;
      run.record(iteration, current, Vectors.norm(s), step.alpha(), 0);
    }
  }

  /**
   * 1 once pairs give the direction its scale; before that a unit-length step along -g, or the full diagonal Newton
   * step -D^-1 g, which has the scale of the Hessian already.
   */
  private static double initialStep(History pairs, double[] direction, double[] scaling) {
    return pairs.size() > 0 || scaling != null ? 1.0 : 1.0 / Math.max(1.0, Vectors.norm(direction));
  }

  /** The last m pairs in a ring, and the two-loop recursion over them. */
  private static final class History {
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int newest = -1;
    private int size;

    History(int memory, int dimension) {
      s = new double[memory][];
      y = new double[memory][];
      rho = new double[memory];
      alpha = new double[memory];
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
      newest = -1;
    }

    void add(double[] sk, double[] yk) {
      double sy = Vectors.dot(sk, yk);
      if (!(sy > CURVATURE_EPS * Vectors.norm(sk) * Vectors.norm(yk))) {
        return;                                    // skip: would break positive definiteness
      }
      newest = (newest + 1) % s.length;
      s[newest] = sk;
      y[newest] = yk;
      rho[newest] = 1.0 / sy;
      size = Math.min(size + 1, s.length);
    }

    /** -H_k g by the two-loop recursion, with H0 = gamma D^-1 (D = {@code scaling}, or I when null). */
    double[] direction(double[] g, double[] scaling) {
      double[] q = g.clone();
      for (int k = 0, i = newest; k < size; k++, i = (i - 1 + s.length) % s.length) {
        alpha[i] = rho[i] * Vectors.dot(s[i], q);
        Vectors.axpy(-alpha[i], y[i], q);
      }
      if (scaling != null) {
        double yDy = 0;
        for (int j = 0; j < q.length; j++) {
          q[j] /= scaling[j];
          if (size > 0) {
            yDy += y[newest][j] * y[newest][j] / scaling[j];
          }
        }
        if (size > 0) {
          Vectors.scale(1.0 / (rho[newest] * yDy), q);                                 // gamma = s.y / y.D^-1.y
        }
      } else if (size > 0) {
        Vectors.scale(1.0 / (rho[newest] * Vectors.dot(y[newest], y[newest])), q);   // gamma = s.y / y.y
      }
      for (int k = 0, i = (newest - size + 1 + s.length) % s.length; k < size; k++, i = (i + 1) % s.length) {
        double beta = rho[i] * Vectors.dot(y[i], q);
        Vectors.axpy(alpha[i] - beta, s[i], q);
      }
      Vectors.scale(-1.0, q);
      return q;
    }
  }
}
