package io.curvature.driver;

import io.curvature.driver.breeze.BreezeLbfgsSolver;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.Solver;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.solvers.TrustRegionSolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Every solver the command line and the Spark ML params can name: Curvature's ({@link Solvers}, which know no Scala)
 * and breeze-lbfgs, Breeze's LBFGS on Curvature's data path through the Breeze adapter.
 */
public final class SolverCatalog {
  private SolverCatalog() {}

  /** Every name, Curvature's solvers first. */
  public static final List<String> NAMES = names();

  private static List<String> names() {
    List<String> names = new ArrayList<>(Solvers.NAMES);
    names.add("breeze-lbfgs");
    return List.copyOf(names);
  }

  public static Solver create(String name, StoppingRule rule, ProblemSize size, int sampleStride) {
    return create(name, rule, size, sampleStride, TrustRegionSolver.DEFAULT_MAX_CG);
  }

  /** With at most {@code maxCg} CG steps per Newton step for the solvers that run CG. */
  public static Solver create(String name, StoppingRule rule, ProblemSize size, int sampleStride, int maxCg) {
    if (name.equals("breeze-lbfgs")) {
      return new BreezeLbfgsSolver(rule);
    }
    return Solvers.create(name, rule, size, sampleStride, maxCg);
  }
}
