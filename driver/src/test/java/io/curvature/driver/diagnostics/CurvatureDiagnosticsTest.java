package io.curvature.driver.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.linalg.Lanczos;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.testing.ReferenceGlm;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lanczos against known spectra and against Apache Commons Math's dense eigen-decomposition of an independently
 * computed Hessian (the naive reference GLM); the gap bound against the true gap F(w) - F* along solver iterates.
 */
class CurvatureDiagnosticsTest {
  /** A = Q diag(values) Q^T with Q a random orthogonal matrix (QR of a Gaussian matrix). */
  private static double[][] withSpectrum(double[] values, long seed) {
    int n = values.length;
    Random random = new Random(seed);
    double[][] g = new double[n][n];
    for (double[] row : g) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextGaussian();
      }
    }
    RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(g)).getQ();
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += q.getEntry(i, k) * values[k] * q.getEntry(j, k);
        }
        a[i][j] = s;
      }
    }
    return a;
  }

  private static Lanczos.Operator operator(double[][] a) {
    return new Lanczos.Operator() {
      @Override
      public int dimension() {
        return a.length;
      }

      @Override
      public void apply(double[] v, double[] out) {
        for (int i = 0; i < a.length; i++) {
          double s = 0;
          for (int j = 0; j < a.length; j++) {
            s += a[i][j] * v[j];
          }
          out[i] = s;
        }
      }
    };
  }

  @Test
  void lanczosFindsTheExtremesOfAKnownSpectrumWithinItsResidualBounds() {
    int n = 60;
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.pow(10, -3 + 5.0 * i / (n - 1));     // 1e-3 .. 1e2: condition number 1e5
    }
    double[][] a = withSpectrum(values, 3);
    Lanczos.Result all = Lanczos.run(operator(a), n, 1);
    for (int i = 0; i < n; i++) {
      assertEquals(values[i], all.ritzValues()[i], 1e-9 * values[n - 1], "eigenvalue " + i + " with n steps");
    }
    Lanczos.Result few = Lanczos.run(operator(a), 15, 1);
    assertEquals(15, few.products());
    assertFalse(few.exhausted());
    assertTrue(few.largest() <= values[n - 1] * (1 + 1e-12), "Ritz values lie inside the spectrum");
    assertTrue(few.smallest() >= values[0] * (1 - 1e-12), "Ritz values lie inside the spectrum");
    assertEquals(values[n - 1], few.largest(), 1e-6 * values[n - 1], "lambda_max converges first");
    for (int i = 0; i < few.ritzValues().length; i++) {     // each Ritz value has an eigenvalue within its residual
      double theta = few.ritzValues()[i];
      double nearest = Arrays.stream(values).map(v -> Math.abs(v - theta)).min().orElseThrow();
      assertTrue(nearest <= few.residuals()[i] * (1 + 1e-9) + 1e-12, "Ritz value " + theta + ": nearest eigenvalue "
          + nearest + " away, residual bound " + few.residuals()[i]);
    }
    assertTrue(few.smallest() > 10 * values[0], "15 steps cannot resolve lambda_min at condition 1e5");
    assertTrue(few.smallestResidual() > 1e-3, "and its residual says so: " + few.smallestResidual());
  }

  @Test
  void aSpectrumWithFewDistinctValuesExhaustsTheKrylovSpace() {
    double[] values = new double[40];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < 20 ? 2.0 : i < 35 ? 5.0 : 9.0;
    }
    Lanczos.Result r = Lanczos.run(operator(withSpectrum(values, 5)), 30, 2);
    assertTrue(r.exhausted());
    assertEquals(3, r.products(), "three distinct eigenvalues: the Krylov space has dimension 3");
    assertEquals(2.0, r.smallest(), 1e-12);
    assertEquals(9.0, r.largest(), 1e-12);
    assertEquals(0.0, r.largestResidual());
  }

  @Test
  void thePowerMethodBoundsBothEndsAndLanczosBeatsItWithTheSameProducts() {
    double[] values = new double[60];
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.5 + 10.0 * i / (values.length - 1);          // 0.5 .. 10.5, evenly spaced
    }
    values[59] = 20.0;                                              // a gap at the top: power converges there
    Lanczos.Operator a = operator(withSpectrum(values, 9));
    io.curvature.driver.linalg.PowerIteration.Result p = io.curvature.driver.linalg.PowerIteration.run(a, 60, 3);
    assertEquals(60, p.largest().products() + p.smallest().products());
    // Rayleigh quotients: inside the spectrum, and an eigenvalue within each residual
    assertTrue(p.largest().value() <= 20.0 + 1e-12 && p.largest().value() >= 20.0 - p.largest().residual());
    assertEquals(20.0, p.largest().value(), 1e-8, "the top is separated by a factor 1.9: 30 steps resolve it");
    assertTrue(p.smallest().value() >= 0.5 - 1e-12 && p.smallest().value() <= 0.5 + p.smallest().residual() + 1e-12,
        p.smallest().toString());
    Lanczos.Result l = Lanczos.run(a, 30, 3);
    assertTrue(Math.abs(l.smallest() - 0.5) <= Math.abs(p.smallest().value() - 0.5),
        "Lanczos with 30 products is at least as close at the bottom as the power method with 30 there (60 in all)");
  }

  @Test
  void jacobiAgreesWithCommonsMath() {
    Random random = new Random(11);
    double[][] a = new double[12][12];
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = a[j][i] = random.nextGaussian();
      }
    }
    Lanczos.SymmetricEigen ours = Lanczos.SymmetricEigen.of(a);
    double[] theirs = new EigenDecomposition(new Array2DRowRealMatrix(a)).getRealEigenvalues().clone();
    Arrays.sort(theirs);
    for (int i = 0; i < 12; i++) {
      assertEquals(theirs[i], ours.values()[i], 1e-12 * 10);
      double[] v = new double[12];                    // A v = lambda v for our vector
      for (int r = 0; r < 12; r++) {
        for (int c = 0; c < 12; c++) {
          v[r] += a[r][c] * ours.vectors()[c][i];
        }
        assertEquals(ours.values()[i] * ours.vectors()[r][i], v[r], 1e-11);
      }
    }
  }

  record Case(String name, ReferenceGlm.Problem problem, TrainingSpec spec) {
    @Override
    public String toString() {
      return name;
    }

    GlmProblem glm() {
      return GlmProblem.of(new LocalBlockSums(problem.m().csrBlocks(3)), spec);
    }
  }

  private static Case make(ModelKind kind, String loss, long seed, int rows, int cols, double density, double lambda,
      double alpha, boolean intercept, boolean standardize) {
    int classes = kind == ModelKind.MULTINOMIAL ? 3 : 2;
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(seed, rows, cols, density, 2.0, true, false),
        kind.loss(classes), seed + 1);
    return new Case(kind + (intercept ? " intercept" : "") + (standardize ? " standardized" : "")
        + (alpha > 0 ? " elastic net" : ""), new ReferenceGlm.Problem(loss, classes, m, lambda, alpha, intercept,
        standardize), new TrainingSpec(kind, lambda, alpha, intercept, standardize));
  }

  static List<Case> cases() {
    return List.of(
        make(ModelKind.LOGISTIC, "logistic", 41, 300, 12, 1.0, 1e-2, 0, false, false),
        make(ModelKind.LOGISTIC, "logistic", 42, 400, 15, 0.4, 1e-3, 0, true, true),
        make(ModelKind.MULTINOMIAL, "softmax", 43, 300, 8, 0.6, 1e-2, 0, true, false),
        make(ModelKind.POISSON, "poisson", 44, 300, 10, 0.5, 1e-2, 0, false, true),
        make(ModelKind.LINEAR, "squared", 45, 200, 10, 1.0, 1e-3, 0, true, false));
  }

  private static double[] point(int dim, long seed) {
    Random random = new Random(seed);
    double[] w = new double[dim];
    for (int j = 0; j < dim; j++) {
      w[j] = 0.2 * random.nextGaussian();
    }
    return w;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void extremeEigenvaluesMatchADenseDecompositionOfTheReferenceHessian(Case c) {
    GlmProblem problem = c.glm();
    int dim = problem.objective().dimension();
    double[] w = point(dim, 7);
    double[] h = ReferenceGlm.hessian(c.problem(), w);
    double[][] dense = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      dense[i] = Arrays.copyOfRange(h, i * dim, (i + 1) * dim);
    }
    double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(dense)).getRealEigenvalues().clone();
    Arrays.sort(eig);
    CurvatureDiagnostics d = CurvatureDiagnostics.at(problem.objective(), w, dim);
    double top = eig[dim - 1];
    assertEquals(top, d.lambdaMax(), 1e-9 * top, c + ": lambda_max");
    assertEquals(eig[0], d.lambdaMin(), 1e-9 * top, c + ": lambda_min");
    if (eig[0] > 1e-9 * top) {
      assertEquals(top / eig[0], d.conditionNumber(), 1e-6 * top / eig[0]);
    } else {              // softmax with free intercepts: adding a constant to every class's intercept changes nothing
      assertTrue(d.conditionNumber() == null || d.conditionNumber() > 1e8, c + ": singular, " + d.conditionNumber());
    }
    assertEquals(2 / top, d.safeStep(), 1e-9 * 2 / top);
    assertTrue(d.secondOrder());
    assertTrue(d.hvps() <= dim);
    double[] g = ReferenceGlm.gradient(c.problem(), w);
    assertEquals(Math.sqrt(Arrays.stream(g).map(x -> x * x).sum()), d.gradientNorm(), 1e-10);
  }

  /** The bound F(w) - F* <= |s|^2 / (2 mu) at solver iterates, rigorous when the penalty covers every coordinate. */
  @Test
  void theGapBoundHoldsAlongTheIteratesAndSaysWhetherItIsRigorous() {
    Case ridge = make(ModelKind.LOGISTIC, "logistic", 51, 400, 12, 0.7, 1e-2, 0, false, false);
    Case elastic = make(ModelKind.LOGISTIC, "logistic", 52, 400, 12, 0.7, 2e-2, 0.5, false, false);
    Case intercept = make(ModelKind.LOGISTIC, "logistic", 53, 400, 12, 0.7, 1e-2, 0, true, false);
    for (Case c : List.of(ridge, elastic, intercept)) {
      boolean l1 = c.spec().hasL1();
      double fStar = ReferenceGlm.value(c.problem(), l1 ? ReferenceGlm.coordinateDescent(c.problem())
          : ReferenceGlm.newton(c.problem()));
      GlmProblem problem = c.glm();
      var f = problem.objective();
      int checked = 0;
      for (int iterations : new int[] {0, 1, 2, 4, 8}) {
        double[] w = iterations == 0 ? new double[f.dimension()]
            : Solvers.create(l1 ? "owlqn" : "lbfgs", new StoppingRule(1e-14, iterations),
                new ProblemSize(400, f.dimension(), 4000, 3, 2), f.sampleStride())
                .minimize(f, new double[f.dimension()], IterationListener.NONE).w();
        double gap = ReferenceGlm.value(c.problem(), w) - fStar;
        CurvatureDiagnostics d = CurvatureDiagnostics.at(f, w, f.dimension());
        assertEquals(!c.spec().fitIntercept(), d.gapBoundRigorous(), c.toString());
        assertNotNull(d.gapBound());
        if (gap > 1e-12) {
          assertTrue(gap <= d.gapBound(), c + " after " + iterations + " iterations: gap " + gap + " > bound "
              + d.gapBound());
          assertTrue(d.gapBound() <= 1e4 * gap, c + ": a bound this loose would tell a scheduler nothing: "
              + d.gapBound() + " for gap " + gap);
          checked++;
        }
      }
      assertTrue(checked >= 3, c + ": too few iterates far enough from the optimum to test the bound");
    }
  }
}
