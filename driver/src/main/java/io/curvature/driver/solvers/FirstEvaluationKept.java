package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.Arrays;

/**
 * An objective that answers its first evaluation at one point from an evaluation already made there (auto's warm-up
 * pass), once, when no more curvature is asked for than it holds; everything else goes to the objective. It saves
 * the pass a solver's start would repeat.
 */
final class FirstEvaluationKept implements Objective {
  private final Objective objective;
  private Evaluation kept;
  private final Extra keptExtra;

  FirstEvaluationKept(Objective objective, Evaluation kept, Extra keptExtra) {
    this.objective = objective;
    this.kept = kept;
    this.keptExtra = keptExtra;
  }

  /** Whether an evaluation made with {@code held} answers one asked for {@code wanted} at no extra pass. */
  static boolean covers(Extra held, Extra wanted) {
    return wanted == Extra.NONE || wanted == held || (wanted == Extra.DIAGONAL && held == Extra.SAMPLE_HESSIAN);
  }

  @Override
  public Evaluation evaluate(double[] w, Extra extra) {
    Evaluation e = kept;
    if (e != null && covers(keptExtra, extra) && Arrays.equals(w, e.point())) {
      kept = null;                                  // once: later evaluations at this point are the solver's own
      return e;
    }
    kept = null;
    return objective.evaluate(w, extra);
  }

  @Override
  public int dimension() {
    return objective.dimension();
  }

  @Override
  public long passes() {
    return objective.passes();
  }

  @Override
  public boolean offers(Extra extra) {
    return objective.offers(extra);
  }

  @Override
  public boolean offersSampledHessian() {
    return objective.offersSampledHessian();
  }

  @Override
  public double[] l1Weights() {
    return objective.l1Weights();
  }

  @Override
  public double[] regularizerCurvature() {
    return objective.regularizerCurvature();
  }

  @Override
  public double gramFlopsPerCore(int dimension) {
    return objective.gramFlopsPerCore(dimension);
  }

  @Override
  public double sampleGramFlopsPerCore(int dimension) {
    return objective.sampleGramFlopsPerCore(dimension);
  }

  @Override
  public boolean convex() {
    return objective.convex();
  }

  @Override
  public double sampleHessianRebuildPasses() {
    return objective.sampleHessianRebuildPasses();
  }

  @Override
  public boolean quadratic() {
    return objective.quadratic();
  }

  @Override
  public Evaluation extrapolate(Evaluation at, double[] step) {
    return objective.extrapolate(at, step);
  }

  @Override
  public void describe(String context) {
    objective.describe(context);
  }
}
