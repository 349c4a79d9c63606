package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.FactorizationMachineObjective;
import io.curvature.driver.objective.FactorizationMachineObjective.Curvature;
import io.curvature.driver.objective.FactorizationMachineObjective.Penalty;
import io.curvature.driver.objective.BlockSums;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.Block;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.FactorizationMachine;
import io.curvature.workers.FactorizationMachineKernels;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The factorization machine objective on Spark local[2]: derivatives against central differences of the objective
 * itself, the in-process bits, and the saddle at V = 0 that the exact Hessian reveals and Gauss-Newton hides.
 */
class FactorizationMachineObjectiveTest {
  private static final double FD_TOLERANCE = 1e-6;
  private static final Penalty PENALTY = new Penalty(1e-3, 1e-2, 0.0);
  private static final List<SparkBlockSums> opened = new ArrayList<>();

  @AfterAll
  static void tearDown() {
    opened.forEach(s -> {
      s.close();
      s.blocks().unpersist(false);
    });
  }

  private static SparkBlockSums spark(List<Block> blocks, boolean compact) {
    SparkBlockSums sums = new SparkBlockSums(TestSpark.context().parallelize(blocks, blocks.size()), compact, 0);
    opened.add(sums);
    return sums;
  }

  private static FactorizationMachineObjective objective(BlockSums sums, Curvature curvature, double damping) {
    return new FactorizationMachineObjective(sums, FactorizationMachine.logistic(3, true), PENALTY, curvature,
        damping);
  }

  /** A point with interactions that matter: random w and V, intercept 0.1. */
  private static double[] point(FactorizationMachineObjective f, long seed) {
    double[] p = f.initialPoint(seed, 0.4);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int j = 0; j < f.numFeatures(); j++) {
      p[f.model().linearIndex(j)] = 0.3 * rng.nextGaussian();
    }
    p[p.length - 1] = 0.1;
    return p;
  }

  @Test
  void derivativesOnSparkMatchCentralDifferencesOfTheObjective() {
    RandomProblems.Matrix m = RandomProblems.matrix(51, 400, 10, 0.5, 1.0, true, false);
    SparkBlockSums sums = spark(m.csrBlocks(4), true);
    FactorizationMachineObjective exact = objective(sums, Curvature.EXACT, 0.0);
    FactorizationMachineObjective gaussNewton = objective(sums, Curvature.GAUSS_NEWTON, 0.25);
    assertFalse(exact.convex());
    double[] p = point(exact, 3);
    int n = p.length;
    Evaluation at = exact.evaluate(p, Extra.DIAGONAL);
    double h = 1e-5;
    for (int t = 0; t < 8; t++) {
      double[] v = t < 4 ? unit(n, new int[] {0, 5, 17, n - 1}[t]) : RandomProblems.gaussian(10 + t, n, 1.0);
      double fd = (exact.evaluate(axpy(h, v, p)).value() - exact.evaluate(axpy(-h, v, p)).value()) / (2 * h);
      double g = dot(at.gradient(), v);
      assertEquals(fd, g, FD_TOLERANCE * Math.max(1, Math.abs(g)), "gradient along direction " + t);
    }
    double[] v = RandomProblems.gaussian(20, n, 1.0);
    double[] hv = new double[n];
    at.hessianVector(v, hv);
    double[] gPlus = exact.evaluate(axpy(h, v, p)).gradient();
    double[] gMinus = exact.evaluate(axpy(-h, v, p)).gradient();
    double[] fd = new double[n];
    for (int j = 0; j < n; j++) {
      fd[j] = (gPlus[j] - gMinus[j]) / (2 * h);
    }
    assertTrue(norm(axpy(-1, fd, hv)) <= FD_TOLERANCE * Math.max(1, norm(hv)), "exact Hessian-vector product");
    // Gauss-Newton with damping: (1/W) J^T D J v from the kernels on the same rows, + (lambda + mu) v.
    Evaluation gnAt = gaussNewton.evaluate(p);
    double[] gv = new double[n];
    gnAt.hessianVector(v, gv);
    double[] reference = new double[n];
    for (Block b : m.csrBlocks(1)) {
      double[] state = new double[FactorizationMachineKernels.stateLength(b, exact.model())];
      FactorizationMachineKernels.valueGradient(b, exact.model(), p, new double[n], state, null);
      FactorizationMachineKernels.hessianVector(b, exact.model(), p, state, v, true, reference);
    }
    double[] lambda = exact.regularizerCurvature();
    for (int j = 0; j < n; j++) {
      reference[j] = reference[j] / b(m) + (lambda[j] + 0.25) * v[j];
    }
    assertArrayEquals(reference, gv, 1e-12 * norm(reference));
    // The diagonal, fused and on its own, is e_j' H e_j of the exact Hessian (and of Gauss-Newton, + mu).
    double[] diagonal = at.hessianDiagonal();
    double[] again = exact.evaluate(p).hessianDiagonal();
    for (int j : new int[] {0, 1, 4, 22, n - 1}) {
      double[] column = new double[n];
      at.hessianVector(unit(n, j), column);
      assertEquals(column[j], diagonal[j], 1e-12 * Math.abs(column[j]), "diagonal " + j);
      assertEquals(diagonal[j], again[j], 1e-12 * Math.abs(column[j]), "separate diagonal pass " + j);
      assertEquals(diagonal[j] + 0.25, gnAt.hessianDiagonal()[j], 1e-12 * Math.abs(column[j]), "GN diagonal " + j);
    }
  }

  @Test
  void sparkGivesTheInProcessBitsAndCompactPartialsTheBitsOfDenseOnes() {
    RandomProblems.Matrix wide = RandomProblems.matrix(52, 300, 400, 0.005, 1.0, true, false);
    List<Block> parts = wide.csrBlocks(5);
    FactorizationMachineObjective local = objective(new LocalBlockSums(parts), Curvature.EXACT, 0.0);
    FactorizationMachineObjective compact = objective(spark(parts, true), Curvature.EXACT, 0.0);
    FactorizationMachineObjective dense = objective(spark(parts, false), Curvature.EXACT, 0.0);
    assertTrue(((SparkBlockSums) opened.get(opened.size() - 2)).supportBytes() > 0, "the compact path is taken");
    double[] p = point(local, 4);
    double[] v = RandomProblems.gaussian(5, p.length, 1.0);
    for (Extra extra : new Extra[] {Extra.NONE, Extra.DIAGONAL}) {
      Evaluation expected = local.evaluate(p, extra);
      for (FactorizationMachineObjective distributed : List.of(compact, dense)) {
        Evaluation actual = distributed.evaluate(p, extra);
        assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(actual.value()));
        assertArrayEquals(expected.gradient(), actual.gradient(), 0.0);
        assertArrayEquals(expected.hessianDiagonal(), actual.hessianDiagonal(), 0.0);
        double[] a = new double[p.length];
        double[] b = new double[p.length];
        expected.hessianVector(v, a);
        actual.hessianVector(v, b);
        assertArrayEquals(a, b, 0.0);
      }
    }
    assertEquals(1 + 1 + 1 + 1 + 1, compact.passes());   // value+grad, diagonal, HVP; value+grad+diagonal, HVP
  }

  @Test
  void vZeroIsASaddleThatTheExactHessianRevealsAndGaussNewtonHides() {
    List<Block> blocks = plantedInteraction(2000, 6, 61);
    SparkBlockSums sums = spark(blocks, true);
    FactorizationMachineObjective exact = objective(sums, Curvature.EXACT, 0.0);
    FactorizationMachineObjective gaussNewton = objective(sums, Curvature.GAUSS_NEWTON, 0.0);
    FactorizationMachine fm = exact.model();
    double[] p = exact.initialPoint(1, 0.0);
    assertTrue(java.util.Arrays.stream(p).allMatch(x -> x == 0.0), "initStd 0: V = 0");
    Evaluation at = exact.evaluate(p);
    for (int j = 0; j < 6; j++) {
      for (int f = 0; f < 3; f++) {
        assertEquals(0.0, at.gradient()[fm.factorIndex(j, f)], 0.0, "dF/dV is exactly 0 at V = 0");
      }
    }
    // The planted interaction of features 0 and 1: move V_00 and V_10 together.
    double[] v = new double[p.length];
    v[fm.factorIndex(0, 0)] = 1;
    v[fm.factorIndex(1, 0)] = 1;
    double[] hv = new double[p.length];
    at.hessianVector(v, hv);
    double curvature = dot(v, hv) / dot(v, v);
    assertTrue(curvature < -0.05, "negative curvature along the planted pair: " + curvature);
    // Independent of the kernels' Hessian: the objective itself bends down along v.
    double t = 1e-3;                                // truncation O(t^2) ~ 1e-7, rounding ~ 1e-16 / t^2 ~ 1e-10
    double second = (exact.evaluate(axpy(t, v, p)).value() + exact.evaluate(axpy(-t, v, p)).value()
        - 2 * at.value()) / (t * t * dot(v, v));
    assertEquals(curvature, second, 1e-5 * Math.abs(curvature));
    double[] gv = new double[p.length];
    gaussNewton.evaluate(p).hessianVector(v, gv);
    assertEquals(PENALTY.factors(), dot(v, gv) / dot(v, v), 1e-15,
        "Gauss-Newton sees only the penalty in V at V = 0 (J_V = 0 there)");
    // A random start (MLlib's initStd) leaves the saddle: the gradient in V is no longer 0.
    Evaluation random = exact.evaluate(exact.initialPoint(7, FactorizationMachine.DEFAULT_INIT_STD));
    assertTrue(Math.abs(random.gradient()[fm.factorIndex(0, 0)]) > 0);
  }

  /** Rows x ~ N(0, 1)^d, y drawn from sigma(3 x_0 x_1): a pure interaction no linear model sees. */
  static List<Block> plantedInteraction(int rows, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Block> blocks = new ArrayList<>();
    CsrBlock.Builder builder = new CsrBlock.Builder();
    int[] columns = new int[d];
    double[] values = new double[d];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < d; j++) {
        columns[j] = j;
        values[j] = rng.nextGaussian();
      }
      double z = 3 * values[0] * values[1];
      builder.addRow(rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1.0 : -1.0, 1.0, columns, values, d);
      if (builder.rows() == rows / 4) {
        blocks.add(builder.build(d));
        builder = new CsrBlock.Builder();
      }
    }
    return blocks;
  }

  private static double b(RandomProblems.Matrix m) {
    double w = 0;
    for (double s : m.weights()) {
      w += s;
    }
    return w;
  }

  private static double[] unit(int n, int j) {
    double[] e = new double[n];
    e[j] = 1;
    return e;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double[] axpy(double alpha, double[] x, double[] y) {
    double[] r = y.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] += alpha * x[i];
    }
    return r;
  }
}
