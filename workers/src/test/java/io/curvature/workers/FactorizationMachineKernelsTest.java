package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The factorization machine kernels against references that share no code with them: the value against Rendle's
 * pairwise sum over j &lt; l; the gradient against central differences of the value; the exact Hessian-vector product
 * against differences of gradients; the Gauss-Newton product against an explicit sum_i s_i l'' J_i J_i^T whose
 * Jacobian is written from the pairwise form (dz/dV_jf = x_j sum_{l != j} V_lf x_l); the diagonal against both.
 * Dense and CSR (float64 and float32), with and without intercept and row weights.
 */
class FactorizationMachineKernelsTest {
  /** Relative error allowed for a central difference with step 1e-5 on sums of O(100) smooth terms. */
  private static final double FD_TOLERANCE = 1e-6;
  private static final int FACTORS = 3;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (boolean intercept : new boolean[] {false, true}) {
      for (boolean weighted : new boolean[] {false, true}) {
        RandomProblems.Matrix sparse = RandomProblems.matrix(31, 120, 14, 0.3, 1.0, weighted, false);
        RandomProblems.Matrix dense = RandomProblems.matrix(32, 80, 9, 1.0, 1.0, weighted, false);
        String w = weighted ? " weighted" : "";
        cases.add(Arguments.of("csr" + w, sparse, sparse.csr(), intercept));
        cases.add(Arguments.of("csr float32" + w, rounded(sparse), sparse.csr().toFloat32(), intercept));
        cases.add(Arguments.of("dense" + w, dense, dense.dense(), intercept));
      }
    }
    return cases.build();
  }

  /** The matrix with values rounded to float32: what a float32 block holds. */
  private static RandomProblems.Matrix rounded(RandomProblems.Matrix m) {
    double[] data = m.data().clone();
    for (int k = 0; k < data.length; k++) {
      data[k] = (float) data[k];
    }
    return new RandomProblems.Matrix(m.rows(), m.cols(), data, m.labels(), m.weights());
  }

  private static FactorizationMachine fm(boolean intercept) {
    return FactorizationMachine.logistic(FACTORS, intercept);
  }

  /** A point with factors large enough that the interactions matter (|z| of order 1). */
  private static double[] point(FactorizationMachine fm, int d, long seed) {
    double[] p = fm.initialPoint(d, seed, 0.4);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    for (int j = 0; j < d; j++) {
      p[fm.linearIndex(j)] = 0.3 * rng.nextGaussian();
    }
    if (fm.intercept()) {
      p[fm.interceptIndex(d)] = 0.2;
    }
    return p;
  }

  private static double value(Block b, FactorizationMachine fm, double[] p) {
    return FactorizationMachineKernels.valueGradient(b, fm, p, new double[p.length],
        new double[FactorizationMachineKernels.stateLength(b, fm)], null);
  }

  private static double[] gradient(Block b, FactorizationMachine fm, double[] p) {
    double[] g = new double[p.length];
    FactorizationMachineKernels.valueGradient(b, fm, p, g, new double[FactorizationMachineKernels.stateLength(b, fm)],
        null);
    return g;
  }

  private static double[] product(Block b, FactorizationMachine fm, double[] p, double[] v, boolean gaussNewton) {
    double[] state = new double[FactorizationMachineKernels.stateLength(b, fm)];
    FactorizationMachineKernels.valueGradient(b, fm, p, new double[p.length], state, null);
    double[] out = new double[p.length];
    FactorizationMachineKernels.hessianVector(b, fm, p, state, v, gaussNewton, out);
    return out;
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("cases")
  void valueIsRendlesPairwiseSum(String kind, RandomProblems.Matrix m, Block block, boolean intercept) {
    FactorizationMachine fm = fm(intercept);
    double[] p = point(fm, m.cols(), 3);
    double expected = 0;
    for (int i = 0; i < m.rows(); i++) {
      double[] x = java.util.Arrays.copyOfRange(m.data(), i * m.cols(), (i + 1) * m.cols());
      double s = m.weights() == null ? 1 : m.weights()[i];
      expected += s * Numerics.log1pExp(-m.labels()[i] * fm.marginOfDenseRow(p, x));
    }
    assertEquals(expected, value(block, fm, p), 1e-12 * Math.abs(expected), kind);
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(String kind, RandomProblems.Matrix m, Block block, boolean intercept) {
    FactorizationMachine fm = fm(intercept);
    double[] p = point(fm, m.cols(), 5);
    double[] g = gradient(block, fm, p);
    double h = 1e-5;
    SplittableRandom rng = new SplittableRandom(7);
    for (int t = 0; t < 12; t++) {
      double[] e = new double[p.length];
      e[t == 0 && intercept ? p.length - 1 : rng.nextInt(p.length)] = 1;
      double[] direction = t < 8 ? e : RandomProblems.gaussian(40 + t, p.length, 1.0);
      double fd = (value(block, fm, axpy(h, direction, p)) - value(block, fm, axpy(-h, direction, p))) / (2 * h);
      double exact = dot(g, direction);
      assertEquals(fd, exact, FD_TOLERANCE * Math.max(1, Math.abs(exact)), kind + " direction " + t);
    }
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("cases")
  void exactHessianVectorMatchesDifferencesOfGradientsAndIsSymmetric(String kind, RandomProblems.Matrix m,
      Block block, boolean intercept) {
    FactorizationMachine fm = fm(intercept);
    double[] p = point(fm, m.cols(), 9);
    double h = 1e-5;
    for (int t = 0; t < 3; t++) {
      double[] v = RandomProblems.gaussian(60 + t, p.length, 1.0);
      double[] hv = product(block, fm, p, v, false);
      double[] fd = axpy(-1, gradient(block, fm, axpy(-h, v, p)), gradient(block, fm, axpy(h, v, p)));
      for (int j = 0; j < fd.length; j++) {
        fd[j] /= 2 * h;
      }
      double error = norm(axpy(-1, fd, hv));
      assertTrue(error <= FD_TOLERANCE * Math.max(1, norm(hv)), kind + ": |Hv - fd| = " + error);
      double[] u = RandomProblems.gaussian(70 + t, p.length, 1.0);
      double uHv = dot(u, hv);
      assertEquals(uHv, dot(v, product(block, fm, p, u, false)), 1e-12 * Math.max(1, Math.abs(uHv)),
          kind + " symmetry");
    }
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("cases")
  void gaussNewtonProductAndDiagonalMatchAnExplicitJacobianSum(String kind, RandomProblems.Matrix m, Block block,
      boolean intercept) {
    FactorizationMachine fm = fm(intercept);
    int d = m.cols();
    double[] p = point(fm, d, 11);
    int n = p.length;
    double[] explicit = new double[n * n];
    double[] jacobian = new double[n];
    for (int i = 0; i < m.rows(); i++) {
      double[] x = java.util.Arrays.copyOfRange(m.data(), i * d, (i + 1) * d);
      java.util.Arrays.fill(jacobian, 0);
      for (int j = 0; j < d; j++) {
        jacobian[fm.linearIndex(j)] = x[j];
        for (int f = 0; f < FACTORS; f++) {
          double others = 0;
          for (int l = 0; l < d; l++) {
            others += l == j ? 0 : p[fm.factorIndex(l, f)] * x[l];
          }
          jacobian[fm.factorIndex(j, f)] = x[j] * others;
        }
      }
      if (intercept) {
        jacobian[fm.interceptIndex(d)] = 1;
      }
      double s = m.weights() == null ? 1 : m.weights()[i];
      double c = s * LogisticLoss.INSTANCE.curvature(fm.marginOfDenseRow(p, x), m.labels()[i]);
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          explicit[a * n + b] += c * jacobian[a] * jacobian[b];
        }
      }
    }
    double[] v = RandomProblems.gaussian(80, n, 1.0);
    double[] gv = product(block, fm, p, v, true);
    double[] reference = new double[n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        reference[a] += explicit[a * n + b] * v[b];
      }
    }
    assertArrayEquals(reference, gv, 1e-11 * Math.max(1, norm(reference)), kind + " G v");
    assertTrue(dot(v, gv) >= 0, "Gauss-Newton with the logistic loss is positive semidefinite");
    double[] state = new double[FactorizationMachineKernels.stateLength(block, fm)];
    double[] fused = new double[n];
    FactorizationMachineKernels.valueGradient(block, fm, p, new double[n], state, fused);
    double[] diagonal = new double[n];
    FactorizationMachineKernels.diagonal(block, fm, p, state, diagonal);
    for (int a = 0; a < n; a++) {
      double[] e = new double[n];
      e[a] = 1;
      double exactColumn = product(block, fm, p, e, false)[a];
      double scale = 1e-11 * Math.max(1, Math.abs(explicit[a * n + a]));
      assertEquals(explicit[a * n + a], diagonal[a], scale, kind + " diagonal " + a);
      assertEquals(diagonal[a], fused[a], scale, kind + " fused diagonal " + a);
      assertEquals(exactColumn, diagonal[a], scale, kind + " the exact Hessian has the same diagonal " + a);
    }
  }

  @Test
  void cachedEntryPointsGiveTheBitsOfTheKernelsAndRebuildEvictedState() {
    RandomProblems.Matrix m = RandomProblems.matrix(33, 200, 20, 0.25, 1.0, true, false);
    Block block = m.csr();
    FactorizationMachine fm = fm(true);
    double[] p = point(fm, 20, 13);
    double[] v = RandomProblems.gaussian(90, p.length, 1.0);
    double[] g = new double[p.length];
    double value = FactorizationMachineKernels.valueGradient(block, fm, p, 1L << 32 | 1, g, null);
    assertEquals(value, value(block, fm, p), 0.0);
    assertArrayEquals(gradient(block, fm, p), g, 0.0);
    for (boolean gaussNewton : new boolean[] {false, true}) {
      double[] cached = new double[p.length];
      FactorizationMachineKernels.hessianVector(block, fm, p, 1L << 32 | 1, v, gaussNewton, cached);
      assertArrayEquals(product(block, fm, p, v, gaussNewton), cached, 0.0);
    }
    for (long key = 2; key <= 6; key++) {           // newer evaluations evict key 1 from the block's cache
      FactorizationMachineKernels.valueGradient(block, fm, point(fm, 20, key), 1L << 32 | key, new double[p.length],
          null);
    }
    double[] rebuilt = new double[p.length];
    FactorizationMachineKernels.hessianVector(block, fm, p, 1L << 32 | 1, v, false, rebuilt);
    assertArrayEquals(product(block, fm, p, v, false), rebuilt, 0.0);
    double[] diagonal = new double[p.length];
    FactorizationMachineKernels.diagonal(block, fm, p, 7L << 32, diagonal);   // a key never evaluated: rebuilt
    double[] fused = new double[p.length];
    FactorizationMachineKernels.valueGradient(block, fm, p, new double[p.length],
        new double[FactorizationMachineKernels.stateLength(block, fm)], fused);
    assertArrayEquals(fused, diagonal, 0.0);
  }

  @Test
  void layoutAndInitialization() {
    FactorizationMachine fm = FactorizationMachine.logistic(4, true);
    assertEquals(10 * 5 + 1, fm.dimension(10));
    assertEquals(10, fm.numFeatures(51));
    assertEquals(50, fm.interceptIndex(10));
    assertEquals(2 * 5 + 1 + 3, fm.factorIndex(2, 3));
    assertThrows(IllegalArgumentException.class, () -> fm.numFeatures(52));
    assertThrows(IllegalArgumentException.class, () -> FactorizationMachine.logistic(0, true));
    double[] a = fm.initialPoint(10, 42, FactorizationMachine.DEFAULT_INIT_STD);
    assertArrayEquals(a, fm.initialPoint(10, 42, FactorizationMachine.DEFAULT_INIT_STD), 0.0);
    double sum = 0;
    double sumSquares = 0;
    for (int j = 0; j < 10; j++) {
      assertEquals(0.0, a[fm.linearIndex(j)]);
      for (int f = 0; f < 4; f++) {
        sum += a[fm.factorIndex(j, f)];
        sumSquares += a[fm.factorIndex(j, f)] * a[fm.factorIndex(j, f)];
      }
    }
    assertEquals(0.0, a[50]);
    double sd = Math.sqrt(sumSquares / 40 - Math.pow(sum / 40, 2));
    assertTrue(sd > 0.005 && sd < 0.015, "factors drawn with std 0.01, measured " + sd);
    assertTrue(java.util.Arrays.stream(fm.initialPoint(10, 42, 0.0)).allMatch(x -> x == 0.0), "initStd 0: V = 0");
    IllegalArgumentException shortP = assertThrows(IllegalArgumentException.class, () -> value(
        RandomProblems.matrix(1, 5, 12, 0.5, 1, false, false).csr(), fm, new double[fm.dimension(11)]));
    assertTrue(shortP.getMessage().contains("expected at least 61"), shortP.getMessage());
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
