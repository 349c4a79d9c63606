package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.linalg.Lanczos;
import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.FactorizationMachineObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.Status;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.workers.FactorizationMachine;
import org.junit.jupiter.api.Test;

/**
 * The saddle every factorization machine has: at V = 0 the gradient with respect to V is exactly zero, whatever
 * the data, so a first-order method started there never moves V (and the linear model is all it fits). Where the
 * labels depend on an interaction (y ~ sigma(3 x0 x1)) the Hessian there has negative curvature along V_00 = V_10:
 * trust-region Newton must find it, leave, fit the interaction, and stop where the Hessian is positive semi-definite
 * (checked on the dense Hessian built column by column from the objective's products).
 */
class FactorizationMachineSaddleTest {
  private static final int D = 6;
  private static final int K = 2;

  private static FactorizationMachineObjective objective() {
    return FactorizationMachineObjective.logistic(
        new LocalBlockSums(FactorizationMachineObjectiveTest.plantedInteraction(4000, D, 41)), K, true, 1e-3, 1e-3,
        FactorizationMachineObjective.Curvature.EXACT);
  }

  private static double factorNorm(FactorizationMachine fm, double[] p) {
    double s = 0;
    for (int j = 0; j < D; j++) {
      for (int f = 0; f < K; f++) {
        s += p[fm.factorIndex(j, f)] * p[fm.factorIndex(j, f)];
      }
    }
    return Math.sqrt(s);
  }

  private static double smallestEigenvalue(FactorizationMachineObjective f, double[] p) {
    var at = f.evaluate(p);
    int n = f.dimension();
    double[][] h = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      at.hessianVector(e, h[j]);
    }
    for (int i = 0; i < n; i++) {                       // symmetrize rounding
      for (int j = 0; j < i; j++) {
        h[i][j] = h[j][i] = 0.5 * (h[i][j] + h[j][i]);
      }
    }
    return Lanczos.SymmetricEigen.of(h).values()[0];
  }

  @Test
  void lbfgsStaysOnTheSaddleAndSaysSo() {
    FactorizationMachineObjective f = objective();
    SolverResult r = Solvers.create("lbfgs", new StoppingRule(1e-8, 500))
        .minimize(f, f.initialPoint(1, 0.0), IterationListener.NONE);
    assertEquals(0.0, factorNorm(f.model(), r.w()), "V never moves from 0: its gradient is exactly zero there");
    assertTrue(r.message().contains("negative curvature") && r.message().contains("saddle"), r.message());
  }

  @Test
  void trustRegionNewtonLeavesTheSaddleAndFitsTheInteraction() {
    FactorizationMachineObjective f = objective();
    SolverResult lbfgs = Solvers.create("lbfgs", new StoppingRule(1e-8, 500))
        .minimize(f, f.initialPoint(1, 0.0), IterationListener.NONE);
    for (String solver : new String[] {"tron", "tron-gltr"}) {
      SolverResult r = Solvers.create(solver, new StoppingRule(1e-8, 500))
          .minimize(f, f.initialPoint(1, 0.0), IterationListener.NONE);
      // Rotating the factors (V -> V R, R orthogonal) changes neither z nor ||V||: the Hessian at a minimum is
      // singular along that orbit, and the last digits of f may stop moving before |g| reaches 1e-8 |g0|.
      assertTrue(r.status() == Status.CONVERGED || r.status() == Status.NO_PROGRESS, solver + ": " + r.message());
      assertTrue(r.message().contains("second-order test") && !r.message().contains("saddle"), r.message());
      assertTrue(factorNorm(f.model(), r.w()) > 0.5, solver + " left V at " + factorNorm(f.model(), r.w()));
      // The interaction explains much of the labels: far below the best linear model.
      assertTrue(r.objective() < lbfgs.objective() - 0.05, solver + " " + r.objective() + " vs the saddle's "
          + lbfgs.objective());
      double lambdaMin = smallestEigenvalue(f, r.w());
      assertTrue(lambdaMin > -1e-6, solver + " stopped where the Hessian has eigenvalue " + lambdaMin);
      assertTrue(smallestEigenvalue(f, lbfgs.w()) < -0.01, "the saddle has negative curvature");
      assertTrue(Vectors.norm(f.evaluate(r.w()).gradient()) < 1e-6);
    }
  }
}
