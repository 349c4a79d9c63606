package io.curvature.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.Status;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.testing.ReferenceGlm;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model and penalty against an independent reference on small data of several shapes: smooth penalties
 * against a naive Newton, L1 and elastic net against naive coordinate descent and the optimality conditions (for
 * w_j = 0, |g_j| <= c_j; else g_j + c_j sign(w_j) = 0). Every solver that applies, with and without standardization,
 * intercepts and row weights, on dense and sparse rows.
 */
class GlmFamilyTest {
  /** Relative objective gap every solver must reach. */
  private static final double GAP = 1e-8;

  record Case(String name, ModelKind kind, ReferenceGlm.Problem problem, TrainingSpec spec) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static String lossOf(ModelKind kind) {
    return switch (kind) {
      case LOGISTIC -> "logistic";
      case MULTINOMIAL -> "softmax";
      case LINEAR -> "squared";
      case POISSON -> "poisson";
      case SVM -> "squared-hinge";
      case SIGMOID -> throw new IllegalArgumentException("non-convex: no unique minimum for the reference Newton");
    };
  }

  private static Case make(ModelKind kind, long seed, int rows, int cols, double density, double scale,
      boolean weighted, double lambda, double alpha, boolean intercept, boolean standardize) {
    int classes = kind == ModelKind.MULTINOMIAL ? 4 : 2;
    RandomProblems.Matrix m = LossProblems.relabel(
        RandomProblems.matrix(seed, rows, cols, density, scale, weighted, false), kind.loss(classes), seed + 1);
    String name = String.format("%s %dx%d%s lambda=%g alpha=%g%s%s%s", kind, rows, cols,
        density < 1 ? " sparse" : " dense", lambda, alpha, intercept ? " intercept" : "",
        standardize ? " standardized" : "", weighted ? " weighted" : "");
    return new Case(name, kind, new ReferenceGlm.Problem(lossOf(kind), classes, m, lambda, alpha, intercept,
        standardize), new TrainingSpec(kind, lambda, alpha, intercept, standardize));
  }

  static List<Case> smoothCases() {
    List<Case> cases = new ArrayList<>();
    long seed = 300;
    for (ModelKind kind : ModelKind.values()) {
      if (!kind.convex()) {
        continue;                                    // solvers agreeing on the minimizer needs a unique one
      }
      cases.add(make(kind, seed++, 300, 8, 1.0, 1.0, false, 1e-2, 0, true, false));
      cases.add(make(kind, seed++, 400, 15, 0.3, 5.0, true, 1e-3, 0, true, true));
      cases.add(make(kind, seed++, 200, 12, 0.5, 1.0, true, 1e-2, 0, false, true));
    }
    return cases;
  }

  static List<Case> l1Cases() {
    List<Case> cases = new ArrayList<>();
    long seed = 500;
    for (ModelKind kind : List.of(ModelKind.LOGISTIC, ModelKind.LINEAR, ModelKind.POISSON, ModelKind.SVM)) {
      cases.add(make(kind, seed++, 300, 10, 1.0, 1.0, false, 2e-2, 1.0, true, false));
      cases.add(make(kind, seed++, 300, 12, 0.4, 3.0, true, 2e-2, 0.5, true, true));
    }
    return cases;
  }

  static Stream<Arguments> smooth() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : smoothCases()) {
      for (String solver : List.of("tron", "newton-cg", "lbfgs", "newton", "owlqn")) {
        out.add(Arguments.of(solver, c));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> withL1() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : l1Cases()) {
      out.add(Arguments.of("owlqn", c));
      out.add(Arguments.of("prox-newton", c));
      out.add(Arguments.of("auto", c));
    }
    return out.stream();
  }

  /** References by case: each is solved once, shared by the solvers that race it. */
  private static final java.util.Map<String, double[]> REFERENCES = new java.util.concurrent.ConcurrentHashMap<>();

  private static double[] reference(Case c, boolean l1) {
    return REFERENCES.computeIfAbsent(c.name() + l1, k -> l1 ? ReferenceGlm.coordinateDescent(c.problem())
        : ReferenceGlm.newton(c.problem())).clone();
  }

  private static SolverResult fit(String solver, GlmProblem problem) {
    var f = problem.objective();
    var size = new io.curvature.driver.solvers.ProblemSize(f.summary().rows(), f.dimension(), f.summary().nonzeros(),
        3, 2);
    return Solvers.create(solver, new StoppingRule(1e-10, 5000), size, f.sampleStride())
        .minimize(f, new double[f.dimension()], IterationListener.NONE);
  }

  private static GlmProblem problem(Case c) {
    return GlmProblem.of(new LocalBlockSums(c.problem().m().csrBlocks(3)), c.spec());
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("smooth")
  void smoothPenaltiesReachTheNewtonReference(String solver, Case c) {
    double[] reference = reference(c, false);
    double fStar = ReferenceGlm.value(c.problem(), reference);
    GlmProblem problem = problem(c);
    SolverResult r = fit(solver, problem);
    assertTrue(r.status() == Status.CONVERGED || r.status() == Status.NO_PROGRESS, solver + ": " + r.message());
    double scale = Math.max(Math.abs(fStar), 1e-3);
    double gap = (r.objective() - fStar) / scale;
    assertTrue(gap <= GAP, solver + " on " + c + ": gap " + gap + " (" + r.message() + ")");
    assertTrue(gap >= -1e-11, "below the reference by " + gap + ": the objective and the reference disagree");
    // the objective the solver reports is the naive one at the returned point
    assertEquals(ReferenceGlm.value(c.problem(), r.w()), r.objective(), 1e-11 * scale);
    // and the model holds the point: coefficients close to the reference's
    GlmModel model = problem.model(r.w(), 0.5);
    GlmModel referenceModel = problem.model(reference, 0.5);
    double[] a = model.point();
    double[] b = referenceModel.point();
    for (int j = 0; j < a.length; j++) {
      assertEquals(b[j], a[j], 1e-3 * Math.max(1, Math.abs(b[j])), "coordinate " + j);
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("withL1")
  void l1AndElasticNetReachCoordinateDescentAndTheOptimalityConditions(String solver, Case c) {
    double[] reference = reference(c, true);
    double fStar = ReferenceGlm.value(c.problem(), reference);
    assertTrue(ReferenceGlm.optimalityViolation(c.problem(), reference) < 1e-9, "the reference is not optimal");
    SolverResult r = fit(solver, problem(c));
    assertTrue(r.status() == Status.CONVERGED || r.status() == Status.NO_PROGRESS, solver + ": " + r.message());
    if (solver.equals("auto")) {
      assertTrue(r.solver().equals("auto:prox-newton"), r.solver());
    }
    double scale = Math.max(Math.abs(fStar), 1e-3);
    double gap = (r.objective() - fStar) / scale;
    assertTrue(gap <= GAP, solver + " on " + c + ": gap " + gap + " (" + r.message() + ")");
    assertTrue(gap >= -1e-11, "below the reference by " + gap);
    double violation = ReferenceGlm.optimalityViolation(c.problem(), r.w());
    assertTrue(violation < 1e-6, "optimality conditions violated by " + violation);
    double[] w = r.w();
    for (int a = 0; a < w.length; a++) {
      if (Math.abs(reference[a]) > 1e-6) {
        assertTrue(w[a] != 0, "coordinate " + a + " is " + reference[a] + " in the reference, 0 here");
      } else if (reference[a] == 0 && w[a] != 0) {
        assertTrue(Math.abs(w[a]) < 1e-6, "coordinate " + a + " is 0 in the reference, " + w[a] + " here");
      }
    }
  }
}
