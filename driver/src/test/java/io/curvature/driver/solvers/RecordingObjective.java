package io.curvature.driver.solvers;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.ArrayList;
import java.util.List;

/** Forwards to an objective and records what every evaluation asked for, and at which point. */
class RecordingObjective implements Objective {
  final Objective f;
  final List<Extra> asked = new ArrayList<>();
  final List<double[]> points = new ArrayList<>();

  RecordingObjective(Objective f) {
    this.f = f;
  }

  /** Evaluations that asked for {@code extra}. */
  int count(Extra extra) {
    return (int) asked.stream().filter(extra::equals).count();
  }

  @Override
  public int dimension() {
    return f.dimension();
  }

  @Override
  public Evaluation evaluate(double[] w, Extra extra) {
    asked.add(extra);
    points.add(w.clone());
    return f.evaluate(w, extra);
  }

  @Override
  public long passes() {
    return f.passes();
  }

  @Override
  public boolean offers(Extra extra) {
    return f.offers(extra);
  }

  @Override
  public double sampleHessianRebuildPasses() {
    return f.sampleHessianRebuildPasses();
  }

  @Override
  public double[] regularizerCurvature() {
    return f.regularizerCurvature();
  }
}
