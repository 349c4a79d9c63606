package io.curvature.driver.objective;

/**
 * What every evaluation of a data-backed objective holds: the point (a private copy), the key its curvature state
 * is cached under on the workers, and f and its gradient there. Subclasses add the second-order queries.
 */
abstract class PointEvaluation implements Evaluation {
  protected final double[] point;
  protected final long key;
  private final double value;
  private final double[] gradient;

  PointEvaluation(double[] point, long key, double value, double[] gradient) {
    this.point = point;
    this.key = key;
    this.value = value;
    this.gradient = gradient;
  }

  @Override
  public final double[] point() {
    return point;
  }

  @Override
  public final double value() {
    return value;
  }

  @Override
  public final double[] gradient() {
    return gradient;
  }
}
