package io.curvature.driver.solvers;

import java.util.List;

/** Solvers by the names used on the command line and in reports. */
public final class Solvers {
  private Solvers() {}

  /** Every solver name, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of("tron", "newton-cg", "lbfgs", "newton", "auto");

  /** Every solver, {@code auto} included, which needs the problem's size to choose. */
  public static Solver create(String name, StoppingRule rule, ProblemSize size, int sampleStride) {
    return name.equals("auto") ? new AutoSolver(rule, size, sampleStride) : create(name, rule);
  }

  /** Every solver but {@code auto}. */
  public static Solver create(String name, StoppingRule rule) {
    return switch (name) {
      case "tron" -> new TrustRegionNewton(rule);
      case "newton-cg" -> new LineSearchNewtonCg(rule);
      case "lbfgs" -> new Lbfgs(rule);
      case "newton" -> new ExactNewton(rule);
      case "auto" -> throw new IllegalArgumentException("auto needs the problem size: use create(name, rule, size)");
      default -> throw new IllegalArgumentException("unknown solver '" + name + "', expected one of " + NAMES);
    };
  }
}
