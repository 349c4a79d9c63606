package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel against central finite differences of the kernel below it: gradient against the loss, HVP against
 * the gradient, diagonal and explicit Hessian against HVPs with unit vectors. Sparse and dense, with and without
 * intercept and row weights.
 */
class KernelDerivativeTest {
  /** Relative error allowed for a central difference with step 1e-5 on sums of O(100) smooth terms. */
  private static final double FD_TOLERANCE = 1e-6;

  static Stream<Arguments> blocks() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (boolean intercept : new boolean[] {false, true}) {
      for (boolean weighted : new boolean[] {false, true}) {
        RandomProblems.Matrix sparse = RandomProblems.matrix(11, 120, 40, 0.15, 1.0, weighted, false);
        RandomProblems.Matrix dense = RandomProblems.matrix(12, 90, 17, 1.0, 1.0, weighted, false);
        cases.add(Arguments.of("csr", sparse.csr(), intercept));
        cases.add(Arguments.of("dense", dense.dense(), intercept));
      }
    }
    return cases.build();
  }

  private static int dim(Block block, boolean intercept) {
    return block.numFeatures() + (intercept ? 1 : 0);
  }

  private static double value(Block block, double[] w, boolean intercept) {
    return block.valueGradient(w, intercept, new double[w.length], new double[block.rows()]);
  }

  private static double[] gradient(Block block, double[] w, boolean intercept) {
    double[] g = new double[w.length];
    block.valueGradient(w, intercept, g, new double[block.rows()]);
    return g;
  }

  private static double[] curvature(Block block, double[] w, boolean intercept) {
    double[] c = new double[block.rows()];
    block.valueGradient(w, intercept, new double[w.length], c);
    return c;
  }

  private static double[] hvp(Block block, double[] w, double[] v, boolean intercept) {
    double[] out = new double[w.length];
    block.hessianVector(curvature(block, w, intercept), v, intercept, out);
    return out;
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

  @ParameterizedTest(name = "{0} intercept={2}")
  @MethodSource("blocks")
  void gradientMatchesCentralDifferencesOnCoordinatesAndDirections(String kind, Block block, boolean intercept) {
    int dim = dim(block, intercept);
    double[] w = RandomProblems.gaussian(3, dim, 0.3);
    double[] g = gradient(block, w, intercept);
    double h = 1e-5;
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 10; t++) {
      int j = rng.nextInt(dim);
      double[] e = new double[dim];
      e[j] = 1;
      double fd = (value(block, axpy(h, e, w), intercept) - value(block, axpy(-h, e, w), intercept)) / (2 * h);
      assertEquals(fd, g[j], FD_TOLERANCE * Math.max(1, Math.abs(g[j])), kind + " coordinate " + j);
    }
    for (int t = 0; t < 5; t++) {
      double[] v = RandomProblems.gaussian(100 + t, dim, 1.0);
      double fd = (value(block, axpy(h, v, w), intercept) - value(block, axpy(-h, v, w), intercept)) / (2 * h);
      double exact = dot(g, v);
      assertEquals(fd, exact, FD_TOLERANCE * Math.max(1, Math.abs(exact)), kind + " direction " + t);
    }
  }

  @ParameterizedTest(name = "{0} intercept={2}")
  @MethodSource("blocks")
  void hessianVectorMatchesDifferenceOfGradientsAndIsSymmetricPositive(String kind, Block block, boolean intercept) {
    int dim = dim(block, intercept);
    double[] w = RandomProblems.gaussian(7, dim, 0.3);
    double h = 1e-5;
    for (int t = 0; t < 4; t++) {
      double[] v = RandomProblems.gaussian(200 + t, dim, 1.0);
      double[] hv = hvp(block, w, v, intercept);
      double[] gPlus = gradient(block, axpy(h, v, w), intercept);
      double[] gMinus = gradient(block, axpy(-h, v, w), intercept);
      double[] fd = new double[dim];
      for (int j = 0; j < dim; j++) {
        fd[j] = (gPlus[j] - gMinus[j]) / (2 * h);
      }
      double error = norm(axpy(-1, fd, hv));
      assertTrue(error <= FD_TOLERANCE * Math.max(1, norm(hv)), kind + ": |Hv - fd| = " + error);
      assertTrue(dot(v, hv) > 0, "v'Hv must be positive for the logistic loss");
      double[] u = RandomProblems.gaussian(300 + t, dim, 1.0);
      double uHv = dot(u, hv);
      double vHu = dot(v, hvp(block, w, u, intercept));
      assertEquals(uHv, vHu, 1e-12 * Math.max(1, Math.abs(uHv)), "symmetry u'Hv = v'Hu");
    }
  }

  @ParameterizedTest(name = "{0} intercept={2}")
  @MethodSource("blocks")
  void diagonalAndExplicitHessianMatchHessianVectorProducts(String kind, Block block, boolean intercept) {
    int dim = dim(block, intercept);
    double[] w = RandomProblems.gaussian(9, dim, 0.3);
    double[] c = curvature(block, w, intercept);
    double[] diagonal = new double[dim];
    block.hessianDiagonal(c, intercept, diagonal);
    double[] fusedDiagonal = new double[dim];
    block.valueGradient(w, intercept, new double[dim], new double[block.rows()], fusedDiagonal);
    double[] lower = new double[dim * dim];
    assertEquals(block.weightSum(), block.gram(c, intercept, 1, lower), 1e-12);
    for (int j = 0; j < dim; j++) {
      double[] e = new double[dim];
      e[j] = 1;
      double[] column = hvp(block, w, e, intercept);
      assertEquals(column[j], diagonal[j], 1e-12 * Math.max(1, Math.abs(column[j])), kind + " diagonal " + j);
      assertEquals(diagonal[j], fusedDiagonal[j], 1e-12 * Math.max(1, Math.abs(column[j])), kind + " fused " + j);
      for (int i = j; i < dim; i++) {                // lower triangle: row i >= column j
        assertEquals(column[i], lower[i * dim + j], 1e-12 * Math.max(1, Math.abs(column[i])),
            kind + " H[" + i + "," + j + "]");
        if (j < i) {
          assertEquals(0.0, lower[j * dim + i], "only the lower triangle is written");
        }
      }
    }
  }

  @ParameterizedTest(name = "intercept={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void csrAndDenseLayoutsOfTheSameRowsAgree(boolean intercept) {
    RandomProblems.Matrix m = RandomProblems.matrix(21, 70, 23, 0.4, 10.0, true, false);
    Block csr = m.csr();
    Block dense = m.dense();
    int dim = dim(csr, intercept);
    double[] w = RandomProblems.gaussian(4, dim, 0.2);
    double[] gc = new double[dim];
    double[] gd = new double[dim];
    double[] cc = new double[m.rows()];
    double[] cd = new double[m.rows()];
    assertEquals(csr.valueGradient(w, intercept, gc, cc), dense.valueGradient(w, intercept, gd, cd), 1e-10);
    for (int j = 0; j < dim; j++) {
      assertEquals(gd[j], gc[j], 1e-10);
    }
    double[] v = RandomProblems.gaussian(8, dim, 1);
    double[] hc = new double[dim];
    double[] hd = new double[dim];
    csr.hessianVector(cc, v, intercept, hc);
    dense.hessianVector(cd, v, intercept, hd);
    for (int j = 0; j < dim; j++) {
      assertEquals(hd[j], hc[j], 1e-10);
    }
    double[] mc = new double[m.rows()];
    double[] md = new double[m.rows()];
    csr.margins(w, intercept, mc);
    dense.margins(w, intercept, md);
    for (int i = 0; i < m.rows(); i++) {
      assertEquals(md[i], mc[i], 1e-12);
      // the margin against a naive loop over the dense matrix
      double naive = intercept ? w[dim - 1] : 0;
      for (int j = 0; j < m.cols(); j++) {
        naive += m.data()[i * m.cols() + j] * w[j];
      }
      assertEquals(naive, mc[i], 1e-12);
    }
  }
}
