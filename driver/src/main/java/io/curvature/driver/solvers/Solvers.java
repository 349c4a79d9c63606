package io.curvature.driver.solvers;

import java.util.List;

/** Solvers by the names used on the command line and in reports. */
public final class Solvers {
  private Solvers() {}

  /** Every solver name, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of("tron", "newton-cg", "lbfgs", "newton");

  public static Solver create(String name, StoppingRule rule) {
    return switch (name) {
      case "tron" -> new TrustRegionNewton(rule);
      case "newton-cg" -> new LineSearchNewtonCg(rule);
      case "lbfgs" -> new Lbfgs(rule);
      case "newton" -> new ExactNewton(rule);
      default -> throw new IllegalArgumentException("unknown solver '" + name + "', expected one of " + NAMES);
    };
  }
}
