package io.curvature.driver.solvers;

import io.curvature.driver.objective.Objective;
import java.util.List;

/** Solvers by the names used on the command line and in reports. */
public final class Solvers {
  private Solvers() {}

  /** Every solver name, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of("tron", "newton-cg", "lbfgs", "newton", "owlqn", "prox-newton",
      "tron-gltr", "subsampled-newton-cg", "auto");

  /** Every solver, {@code auto} included, which needs the problem's size to choose. */
  public static Solver create(String name, StoppingRule rule, ProblemSize size, int sampleStride) {
    return create(name, rule, size, sampleStride, TrustRegionSolver.DEFAULT_MAX_CG);
  }

  /**
   * Every solver, with at most {@code maxCg} CG steps per Newton step for those that run CG (tron, tron-gltr,
   * newton-cg, subsampled-newton-cg, and auto when it chooses one of them).
   */
  public static Solver create(String name, StoppingRule rule, ProblemSize size, int sampleStride, int maxCg) {
    return name.equals("auto") ? new AutoSolver(rule, size, sampleStride, maxCg) : create(name, rule, maxCg);
  }

  /** Every solver but {@code auto}. */
  public static Solver create(String name, StoppingRule rule) {
    return create(name, rule, TrustRegionSolver.DEFAULT_MAX_CG);
  }

  /** Every solver but {@code auto}, with at most {@code maxCg} CG steps per Newton step. */
  public static Solver create(String name, StoppingRule rule, int maxCg) {
    if (maxCg < 1) {
      throw new IllegalArgumentException("at most " + maxCg + " CG steps per Newton step, expected >= 1");
    }
    return switch (name) {
      case "tron" -> new TrustRegionSolver(rule, TrustRegionSolver.DEFAULT_CG_TOLERANCE, maxCg,
          Preconditioner.Kind.AUTO);
      case "tron-gltr" -> new TrustRegionSolver(rule, TrustRegionSolver.DEFAULT_CG_TOLERANCE, maxCg,
          Preconditioner.Kind.AUTO, true);
      case "newton-cg" -> newtonCg(rule, maxCg, Preconditioner.Kind.AUTO);
      case "lbfgs" -> lbfgs(rule, LbfgsDirection.DEFAULT_MEMORY, true);
      case "newton" -> newton(rule, NewtonDirection.DEFAULT_MAX_DIMENSION);
      case "owlqn" -> owlqn(rule, LbfgsDirection.DEFAULT_MEMORY);
      case "prox-newton" -> new ProximalNewtonSolver(rule);
      case "subsampled-newton-cg" -> subsampledNewtonCg(rule, DEFAULT_HESSIAN_STRIDE, maxCg,
          Preconditioner.Kind.AUTO);
      case "auto" -> throw new IllegalArgumentException("auto needs the problem size: use create(name, rule, size)");
      default -> throw new IllegalArgumentException("unknown solver '" + name + "', expected one of " + NAMES);
    };
  }

  /** TRON with a chosen preconditioner and CG settings. */
  public static Solver tron(StoppingTest rule, double cgTolerance, int maxCg, Preconditioner.Kind preconditioner) {
    return new TrustRegionSolver(rule, cgTolerance, maxCg, preconditioner);
  }

  /** L-BFGS with {@code memory} pairs, H0 scaled by the Hessian diagonal or by gamma I. */
  public static Solver lbfgs(StoppingTest rule, int memory, boolean diagonalScaling) {
    return new LineSearchSolver("lbfgs", f -> new LbfgsDirection(f, memory, diagonalScaling), rule);
  }

  /** Line-search Newton-CG. */
  public static Solver newtonCg(StoppingTest rule, int maxCg, Preconditioner.Kind preconditioner) {
    return new LineSearchSolver("newton-cg", f -> new NewtonCgDirection(f, preconditioner, maxCg), rule);
  }

  /** The sub-sampled Newton-CG's default: Hessian products over every 10th row (Byrd et al. used 5-10%). */
  public static final int DEFAULT_HESSIAN_STRIDE = 10;

  /** Newton-CG with Hessian products over every {@code stride}-th row, a different subset each iteration. */
  public static Solver subsampledNewtonCg(StoppingTest rule, int stride, Preconditioner.Kind preconditioner) {
    return subsampledNewtonCg(rule, stride, TrustRegionSolver.DEFAULT_MAX_CG, preconditioner);
  }

  /** Sub-sampled Newton-CG with at most {@code maxCg} CG steps per Newton step. */
  public static Solver subsampledNewtonCg(StoppingTest rule, int stride, int maxCg,
      Preconditioner.Kind preconditioner) {
    if (stride < 2) {
      throw new IllegalArgumentException("Hessian row stride " + stride + ", expected >= 2 (1 is newton-cg)");
    }
    return new LineSearchSolver("subsampled-newton-cg", f -> new NewtonCgDirection(f, preconditioner, maxCg,
        stride), rule);
  }

  /** Exact Newton, refusing dimensions above {@code maxDimension}. */
  public static Solver newton(StoppingTest rule, int maxDimension) {
    return new LineSearchSolver("newton", f -> new NewtonDirection(f, maxDimension), rule);
  }

  /** OWL-QN with {@code memory} pairs. */
  public static Solver owlqn(StoppingTest rule, int memory) {
    return new LineSearchSolver("owlqn", f -> new OwlqnDirection(f, memory), rule);
  }

  /** Throws the message users see when a smooth-only solver meets an L1 penalty. */
  static void refuseL1(String solver, Objective objective) {
    if (L1.active(objective.l1Weights())) {
      throw new IllegalArgumentException(solver + " cannot minimize an L1 penalty (elastic net > 0): "
          + "use owlqn, prox-newton or auto");
    }
  }
}
