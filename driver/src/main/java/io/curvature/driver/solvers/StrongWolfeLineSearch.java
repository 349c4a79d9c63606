package io.curvature.driver.solvers;

import io.curvature.driver.linalg.ChunkedSums;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.function.Supplier;

/**
 * Line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithms 3.5
 * and 3.6): bracket by extrapolation, then zoom with safeguarded cubic interpolation. Each trial point is one
 * value+gradient pass, so a step of 1 accepted at once costs exactly one pass.
 *
 * <p>Near the optimum the decrease g.s falls to the rounding error of f (a sum over all rows), and the Armijo test
 * becomes a coin toss. There the approximate Wolfe conditions of Hager and Zhang (SIAM J. Optim. 2005) decide: a
 * value within {@link #APPROXIMATE_EPSILON} |f| of f(0) is accepted when the slope, which stays accurate, shows the
 * step is good: sigma phi'(0) <= phi'(a) <= (2 delta - 1) phi'(0).
 */
final class StrongWolfeLineSearch implements LineSearch {
  /** Sufficient decrease constant c1 (N&W suggest 1e-4). */
  static final double C1 = 1e-4;
  /** Curvature constant c2: 0.9 for quasi-Newton and Newton directions (N&W, section 3.1). */
  static final double C2 = 0.9;
  /** Trial points allowed in one search. */
  static final int MAX_EVALUATIONS = 25;
  /** Relative change of f treated as rounding noise by the approximate Wolfe test (f sums ~n rows). */
  static final double APPROXIMATE_EPSILON = 1e-12;
  /** Cubic steps closer than this fraction of the interval to its ends are replaced by bisection. */
  private static final double SAFEGUARD = 0.1;

  private final Objective objective;
  private final Supplier<Extra> extra;

  /**
   * Every trial point is evaluated with what {@code extra} asks for when the search runs, so the accepted one carries
   * what the solver needs next.
   */
  StrongWolfeLineSearch(Objective objective, Supplier<Extra> extra) {
    this.objective = objective;
    this.extra = extra;
  }

  /** Searches along {@code direction} (which must be a descent direction) from {@code start}. */
  @Override
  public Result search(Evaluation start, double[] direction, double initialAlpha) {
    double phi0 = start.value();
    double dphi0 = Vectors.dot(start.gradient(), direction);
    if (!(dphi0 < 0)) {
      return new Result(null, 0, false, 0);
    }
    Trial previous = new Trial(0, phi0, dphi0, start);
    double alpha = initialAlpha;
    int evaluations = 0;
    while (evaluations < MAX_EVALUATIONS) {
      Trial t = trial(start, direction, alpha);
      evaluations++;
      if (t == null) {                                 // non-finite value: step back
        alpha = 0.5 * (previous.alpha + alpha);
        continue;
      }
      if (acceptable(t, phi0, dphi0)) {
        return new Result(t.evaluation, alpha, true, evaluations);
      }
      if (t.phi > phi0 + C1 * alpha * dphi0 || (evaluations > 1 && t.phi >= previous.phi)) {
        return zoom(start, direction, phi0, dphi0, previous, t, evaluations);
      }
      if (t.dphi >= 0) {
        return zoom(start, direction, phi0, dphi0, t, previous, evaluations);
      }
      previous = t;
      alpha *= 4;                                      // extrapolate: the minimum lies further out
    }
    return accept(previous, evaluations);
  }

  private Result zoom(Evaluation start, double[] direction, double phi0, double dphi0, Trial lo, Trial hi,
      int evaluations) {
    while (evaluations < MAX_EVALUATIONS) {
      double width = Math.abs(hi.alpha - lo.alpha);
      if (width * Vectors.norm(direction) <= 1e-15 * Math.max(1, Vectors.norm(start.point()))) {
        break;                                         // the interval is below rounding of the point
      }
      double alpha = cubicMinimizer(lo, hi);
      double low = Math.min(lo.alpha, hi.alpha) + SAFEGUARD * width;
      double high = Math.max(lo.alpha, hi.alpha) - SAFEGUARD * width;
      if (!(alpha >= low && alpha <= high)) {
        alpha = 0.5 * (lo.alpha + hi.alpha);
      }
      Trial t = trial(start, direction, alpha);
      evaluations++;
      if (t != null && acceptable(t, phi0, dphi0)) {
        return new Result(t.evaluation, alpha, true, evaluations);
      }
      if (t == null || t.phi > phi0 + C1 * alpha * dphi0 || t.phi >= lo.phi) {
        hi = t == null ? new Trial(alpha, Double.POSITIVE_INFINITY, Double.NaN, null) : t;
      } else {
        if (Math.abs(t.dphi) <= -C2 * dphi0) {
          return new Result(t.evaluation, alpha, true, evaluations);
        }
        if (t.dphi * (hi.alpha - lo.alpha) >= 0) {
          hi = lo;
        }
        lo = t;
      }
    }
    return accept(lo, evaluations);
  }

  /** Strong Wolfe, or its approximate form when the change of f is at rounding level. */
  private static boolean acceptable(Trial t, double phi0, double dphi0) {
    boolean curvature = Math.abs(t.dphi) <= -C2 * dphi0;
    if (!curvature) {
      return false;
    }
    if (t.phi <= phi0 + C1 * t.alpha * dphi0) {
      return true;
    }
    return t.phi <= phi0 + APPROXIMATE_EPSILON * Math.abs(phi0) && t.dphi <= (2 * C1 - 1) * dphi0;
  }

  /** Keeps a point with sufficient decrease even when the curvature condition could not be met. */
  private static Result accept(Trial best, int evaluations) {
    if (best.alpha > 0 && best.evaluation != null) {
      return new Result(best.evaluation, best.alpha, false, evaluations);
    }
    return new Result(null, 0, false, evaluations);
  }

  private Trial trial(Evaluation start, double[] direction, double alpha) {
    double[] point = ChunkedSums.plusIfFinite(start.point(), alpha, direction);
    if (point == null) {
      return null;
    }
    Evaluation e = objective.evaluate(point, extra.get());
    if (!Double.isFinite(e.value())) {
      return null;
    }
    return new Trial(alpha, e.value(), Vectors.dot(e.gradient(), direction), e);
  }

  /** Minimizer of the cubic interpolating phi and phi' at both ends (N&W eq. 3.59); NaN when it has none. */
  private static double cubicMinimizer(Trial a, Trial b) {
    if (!Double.isFinite(a.phi) || !Double.isFinite(b.phi) || Double.isNaN(a.dphi) || Double.isNaN(b.dphi)) {
      return Double.NaN;
    }
    double d1 = a.dphi + b.dphi - 3 * (a.phi - b.phi) / (a.alpha - b.alpha);
    double radicand = d1 * d1 - a.dphi * b.dphi;
    if (radicand < 0) {
      return Double.NaN;
    }
    double d2 = Math.signum(b.alpha - a.alpha) * Math.sqrt(radicand);
    return b.alpha - (b.alpha - a.alpha) * (b.dphi + d2 - d1) / (b.dphi - a.dphi + 2 * d2);
  }

  private record Trial(double alpha, double phi, double dphi, Evaluation evaluation) {}
}
