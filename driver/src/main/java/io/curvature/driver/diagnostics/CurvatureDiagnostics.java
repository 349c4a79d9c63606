package io.curvature.driver.diagnostics;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.linalg.Lanczos;
import io.curvature.driver.linalg.PowerIteration;
import io.curvature.driver.objective.Objective;
import io.curvature.driver.solvers.L1;

/**
 * The loss surface where training stopped: the Hessian's extreme eigenvalues by {@link Lanczos} on the objective's
 * own Hessian-vector products (one pass each on distributed data), the condition number, the safe gradient step,
 * and a certificate of optimality a scheduler can read without knowing f*.
 *
 * <p>The gap bound is the Polyak-Lojasiewicz inequality of a mu-strongly convex F = f + L1 part:
 * F(w) - F* <= ||s||^2 / (2 mu), s the minimum-norm subgradient (the gradient when there is no L1 part). When the
 * penalty makes F strongly convex everywhere (every coefficient has an L2 weight; mu is the smallest), the bound is
 * rigorous. Otherwise (an unpenalized intercept, lambda = 0) mu is the smallest Ritz value at the point: an estimate,
 * valid while the curvature between the point and the optimum is no smaller, and optimistic when Lanczos has not
 * converged to the true smallest eigenvalue (its residual says how far it may be).
 *
 * @param lambdaMax             the largest Ritz value: a lower bound on the Hessian's largest eigenvalue
 * @param lambdaMaxResidual     the Hessian has an eigenvalue within this of lambdaMax
 * @param lambdaMin             the smallest Ritz value: an upper bound on the Hessian's smallest eigenvalue
 * @param lambdaMinResidual     the Hessian has an eigenvalue within this of lambdaMin
 * @param lambdaMinLowerBound   what the penalty guarantees of every eigenvalue everywhere (0 without one)
 * @param conditionNumber       lambdaMax / lambdaMin (null when lambdaMin <= 0: unbounded)
 * @param safeStep              2 / lambdaMax: gradient descent with a longer step diverges along the top direction
 * @param gradientNorm          the stationarity measure at the point (minimum-norm subgradient with an L1 part)
 * @param objective             F at the point (the penalized objective in MLlib's scaling)
 * @param gapBound              the bound on F(w) - F* (null when no positive curvature bound is known)
 * @param gapBoundRigorous      whether gapBound rests on the penalty's strong convexity (else on lambdaMin)
 * @param secondOrder           lambdaMin >= -1e-8 lambdaMax: no direction of negative curvature was found
 * @param hvps                  Hessian-vector products spent (passes over the data), plus one value+gradient pass
 * @param method                how the values were found, in words
 */
public record CurvatureDiagnostics(double lambdaMax, double lambdaMaxResidual, double lambdaMin,
    double lambdaMinResidual, double lambdaMinLowerBound, Double conditionNumber, double safeStep,
    double gradientNorm, double objective, Double gapBound, boolean gapBoundRigorous, boolean secondOrder, int hvps, String method) {

  /** Default Lanczos steps of {@code diagnose}: enough for lambda_max to a few digits on the problems here. */
  public static final int DEFAULT_STEPS = 30;

  /** How the extreme eigenvalues are found. */
  public enum Method {
    /** Lanczos with full reorthogonalization (the default: both ends from the same products). */
    LANCZOS,
    /** The power method for lambda_max, then on lambda_max I - H for lambda_min: half the products each. */
    POWER;

    public static Method parse(String name) {
      return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Computes the diagnostics of {@code objective} at {@code w}: one value+gradient pass and at most k HVPs. */
  public static CurvatureDiagnostics at(Objective objective, double[] w, int steps) {
    return at(objective, w, steps, Method.LANCZOS);
  }

  /** As above, by the given method. */
  public static CurvatureDiagnostics at(Objective objective, double[] w, int steps, Method how) {
    objective.describe("curvature diagnostics");
    Evaluation e = objective.evaluate(w);
    Lanczos.Operator hessian = new Lanczos.Operator() {
      @Override
      public int dimension() {
        return objective.dimension();
      }

      @Override
      public void apply(double[] v, double[] out) {
        e.hessianVector(v, out);
      }
    };
    if (how == Method.POWER) {
      PowerIteration.Result p = PowerIteration.run(hessian, steps, 17);
      return of(objective, w, e, p.largest().value(), p.largest().residual(), p.smallest().value(),
          p.smallest().residual(), p.largest().products() + p.smallest().products(), String.format("power method, "
          + "%d Hessian-vector products for lambda_max and %d on lambda_max I - H for lambda_min, seeded starts",
          p.largest().products(), p.smallest().products()));
    }
    Lanczos.Result r = Lanczos.run(hessian, steps, 17);
    return of(objective, w, e, r.largest(), r.largestResidual(), r.smallest(), r.smallestResidual(), r.products(),
        String.format("Lanczos with full reorthogonalization, %d Hessian-vector products from a seeded random start%s",
            r.products(), r.exhausted() ? " (Krylov space exhausted: exact)" : ""));
  }

  private static CurvatureDiagnostics of(Objective objective, double[] w, Evaluation e, double lambdaMax,
      double lambdaMaxResidual, double lambdaMin, double lambdaMinResidual, int products, String how) {
    // A non-convex f has no strong convexity to lean on, whatever its penalty: no gap bound there, only the
    // second-order certificate (lambdaMin >= -1e-8 lambdaMax with the gradient norm).
    double mu = objective.convex() ? strongConvexity(objective) : 0;
    double stationarity = L1.stationarity(w, e.gradient(), objective.l1Weights());
    boolean rigorous = mu > 0;
    double curvature = rigorous ? mu : lambdaMin;
    Double gap = curvature > 0 && objective.convex() ? stationarity * stationarity / (2 * curvature) : null;
    String method = String.format("%s; gap bound from %s", how,
        !objective.convex() ? "nothing (the objective is not convex: no gap bound)"
            : rigorous ? "the penalty's strong convexity (rigorous)" : "lambdaMin at the point (an estimate)");
    return new CurvatureDiagnostics(lambdaMax, lambdaMaxResidual, lambdaMin, lambdaMinResidual, mu,
        lambdaMin > 0 ? lambdaMax / lambdaMin : null, 2 / lambdaMax, stationarity,
        e.value() + L1.value(w, objective.l1Weights()), gap,
        rigorous, lambdaMin >= -1e-8 * Math.abs(lambdaMax), products, method);
  }

  /**
   * The smallest eigenvalue the penalty alone puts in every Hessian: min_j of the L2 part's curvature (0 if any
   * coordinate, an intercept, has none).
   */
  static double strongConvexity(Objective objective) {
    double[] r = objective.regularizerCurvature();
    double mu = Double.POSITIVE_INFINITY;
    for (double c : r) {
      mu = Math.min(mu, c);
    }
    return r.length == 0 || !(mu > 0) ? 0 : mu;
  }
}
