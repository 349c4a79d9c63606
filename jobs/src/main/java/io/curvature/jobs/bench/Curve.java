package io.curvature.jobs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A contestant's progress as (seconds, passes, objective) points, turned into relative gaps once f* is known.
 * Passes are -1 where the contestant does not report them.
 */
final class Curve {
  private final List<double[]> points = new ArrayList<>();

  void add(double seconds, long passes, double objective) {
    points.add(new double[] {seconds, passes, objective});
  }

  /** (seconds, gap) pairs for the plot; gaps floored at 1e-16 so log scales can show them. */
  List<double[]> gaps(double fStar) {
    List<double[]> out = new ArrayList<>();
    for (double[] p : points) {
      out.add(new double[] {p[0], Math.max(gap(p[2], fStar), 1e-16)});
    }
    return out;
  }

  /** The first point at relative gap <= target, as {seconds, passes}, or null. */
  double[] firstAt(double target, double fStar) {
    for (double[] p : points) {
      if (gap(p[2], fStar) <= target) {
        return new double[] {p[0], p[1]};
      }
    }
    return null;
  }

  static double gap(double f, double fStar) {
    return (f - fStar) / Math.abs(fStar);
  }
}
