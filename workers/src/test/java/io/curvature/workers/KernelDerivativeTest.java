package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel of every loss against central finite differences of the kernel below it: gradient against the value,
 * HVP against the gradient, diagonal and the exact Hessian sum (Gram kernel) against HVPs with unit vectors. Sparse
 * and dense, with and without intercepts and row weights, single-output losses and softmax.
 */
class KernelDerivativeTest {
  /** Relative error allowed for a central difference with step 1e-5 on sums of O(100) smooth terms. */
  private static final double FD_TOLERANCE = 1e-6;

  static Stream<Arguments> blocks() {
    Stream.Builder<Arguments> cases = Stream.builder();
    RowLoss[] losses = {LogisticLoss.INSTANCE, SquaredLoss.INSTANCE, PoissonLoss.INSTANCE,
        SquaredHingeLoss.INSTANCE, SigmoidLoss.INSTANCE, new SoftmaxLoss(3)};
    for (RowLoss loss : losses) {
      for (boolean intercept : new boolean[] {false, true}) {
        for (boolean weighted : new boolean[] {false, true}) {
          RandomProblems.Matrix sparse = LossProblems.relabel(
              RandomProblems.matrix(11, 120, 40, 0.15, 1.0, weighted, false), loss, 5);
          RandomProblems.Matrix dense = LossProblems.relabel(
              RandomProblems.matrix(12, 90, 17, 1.0, 1.0, weighted, false), loss, 6);
          cases.add(Arguments.of(loss.name() + " csr", loss, sparse.csr(), intercept));
          cases.add(Arguments.of(loss.name() + " dense", loss, dense.dense(), intercept));
        }
      }
    }
    return cases.build();
  }

  private static int dim(RowLoss loss, Block block, boolean intercept) {
    return (block.numFeatures() + (intercept ? 1 : 0)) * loss.outputs();
  }

  private static double value(RowLoss loss, Block block, double[] w, boolean intercept) {
    return block.valueGradient(loss, w, intercept, new double[w.length], new double[block.curvatureLength(loss)],
        null);
  }

  private static double[] gradient(RowLoss loss, Block block, double[] w, boolean intercept) {
    double[] g = new double[w.length];
    block.valueGradient(loss, w, intercept, g, new double[block.curvatureLength(loss)], null);
    return g;
  }

  private static double[] curvature(RowLoss loss, Block block, double[] w, boolean intercept) {
    double[] c = new double[block.curvatureLength(loss)];
    block.valueGradient(loss, w, intercept, new double[w.length], c, null);
    return c;
  }

  private static double[] hvp(RowLoss loss, Block block, double[] w, double[] v, boolean intercept) {
    double[] out = new double[w.length];
    block.hessianVector(loss, curvature(loss, block, w, intercept), v, intercept, out);
    return out;
  }

  /** A point where the losses are moderate: small weights (Poisson's exp stays near 1). */
  private static double[] point(long seed, int dim) {
    return RandomProblems.gaussian(seed, dim, 0.15);
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("blocks")
  void gradientMatchesCentralDifferencesOnCoordinatesAndDirections(String kind, RowLoss loss, Block block,
      boolean intercept) {
    int dim = dim(loss, block, intercept);
    double[] w = point(3, dim);
    double[] g = gradient(loss, block, w, intercept);
    double h = 1e-5;
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 10; t++) {
      int j = rng.nextInt(dim);
      double[] e = new double[dim];
      e[j] = 1;
      double fd = (value(loss, block, axpy(h, e, w), intercept) - value(loss, block, axpy(-h, e, w), intercept))
          / (2 * h);
      assertEquals(fd, g[j], FD_TOLERANCE * Math.max(1, Math.abs(g[j])), kind + " coordinate " + j);
    }
    for (int t = 0; t < 5; t++) {
      double[] v = RandomProblems.gaussian(100 + t, dim, 1.0);
      double fd = (value(loss, block, axpy(h, v, w), intercept) - value(loss, block, axpy(-h, v, w), intercept))
          / (2 * h);
      double exact = dot(g, v);
      assertEquals(fd, exact, FD_TOLERANCE * Math.max(1, Math.abs(exact)), kind + " direction " + t);
    }
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("blocks")
  void hessianVectorMatchesDifferenceOfGradientsAndIsSymmetricPositive(String kind, RowLoss loss, Block block,
      boolean intercept) {
    int dim = dim(loss, block, intercept);
    double[] w = point(7, dim);
    // The squared hinge's gradient has kinks: a smaller step keeps rows from crossing one (probability ~ h).
    double h = loss instanceof SquaredHingeLoss ? 1e-8 : 1e-5;
    double tolerance = loss instanceof SquaredHingeLoss ? 1e-5 : FD_TOLERANCE;
    for (int t = 0; t < 4; t++) {
      double[] v = RandomProblems.gaussian(200 + t, dim, 1.0);
      double[] hv = hvp(loss, block, w, v, intercept);
      double[] gPlus = gradient(loss, block, axpy(h, v, w), intercept);
      double[] gMinus = gradient(loss, block, axpy(-h, v, w), intercept);
      double[] fd = new double[dim];
      for (int j = 0; j < dim; j++) {
        fd[j] = (gPlus[j] - gMinus[j]) / (2 * h);
      }
      double error = norm(axpy(-1, fd, hv));
      assertTrue(error <= tolerance * Math.max(1, norm(hv)), kind + ": |Hv - fd| = " + error);
      if (loss.convex()) {
        assertTrue(dot(v, hv) >= 0, "v'Hv must be non-negative for a convex loss");
      }
      double[] u = RandomProblems.gaussian(300 + t, dim, 1.0);
      double uHv = dot(u, hv);
      double vHu = dot(v, hvp(loss, block, w, u, intercept));
      assertEquals(uHv, vHu, 1e-12 * Math.max(1, Math.abs(uHv)), "symmetry u'Hv = v'Hu");
    }
  }

  @ParameterizedTest(name = "{0} intercept={3}")
  @MethodSource("blocks")
  void diagonalAndExactHessianSumMatchHessianVectorProducts(String kind, RowLoss loss, Block block,
      boolean intercept) {
    int dim = dim(loss, block, intercept);
    double[] w = point(9, dim);
    double[] c = curvature(loss, block, w, intercept);
    if (!loss.convex()) {
      // The point must exercise both signs, so that the Gram kernel's subtracting chunk is compared below.
      assertTrue(java.util.Arrays.stream(c).anyMatch(x -> x < 0) && java.util.Arrays.stream(c).anyMatch(x -> x > 0),
          kind + ": curvature weights of both signs at the test point");
    }
    double[] diagonal = new double[dim];
    block.hessianDiagonal(loss, c, intercept, diagonal);
    double[] fusedDiagonal = new double[dim];
    block.valueGradient(loss, w, intercept, new double[dim], new double[block.curvatureLength(loss)], fusedDiagonal);
    double[] lower = new double[dim * dim];
    assertEquals(block.weightSum(), block.gram(loss, c, intercept, 1, lower), 1e-12);
    for (int j = 0; j < dim; j++) {
      double[] e = new double[dim];
      e[j] = 1;
      double[] column = hvp(loss, block, w, e, intercept);
      double scale = 1e-12 * Math.max(1, Math.abs(column[j]));
      assertEquals(column[j], diagonal[j], scale, kind + " diagonal " + j);
      assertEquals(diagonal[j], fusedDiagonal[j], scale, kind + " fused " + j);
      for (int i = j; i < dim; i++) {                // lower triangle: row i >= column j
        assertEquals(column[i], lower[i * dim + j], 1e-11 * Math.max(1, Math.abs(column[i])),
            kind + " H[" + i + "," + j + "]");
        if (j < i) {
          assertEquals(0.0, lower[j * dim + i], "only the lower triangle is written");
        }
      }
    }
    // Curvature rebuilt from the margins alone is the state the gradient pass left.
    double[] rebuilt = new double[c.length];
    block.curvature(loss, w, intercept, rebuilt);
    for (int i = 0; i < c.length; i++) {
      assertEquals(c[i], rebuilt[i], 1e-15 * Math.max(1, Math.abs(c[i])), kind + " curvature " + i);
    }
  }

  @ParameterizedTest(name = "intercept={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void csrAndDenseLayoutsOfTheSameRowsAgree(boolean intercept) {
    for (RowLoss loss : new RowLoss[] {LogisticLoss.INSTANCE, new SoftmaxLoss(4)}) {
      RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(21, 70, 23, 0.4, 10.0, true, false),
          loss, 3);
      Block csr = m.csr();
      Block dense = m.dense();
      int dim = dim(loss, csr, intercept);
      double[] w = RandomProblems.gaussian(4, dim, 0.02);
      double[] gc = new double[dim];
      double[] gd = new double[dim];
      double[] cc = new double[csr.curvatureLength(loss)];
      double[] cd = new double[dense.curvatureLength(loss)];
      assertEquals(csr.valueGradient(loss, w, intercept, gc, cc, null),
          dense.valueGradient(loss, w, intercept, gd, cd, null), 1e-10);
      for (int j = 0; j < dim; j++) {
        assertEquals(gd[j], gc[j], 1e-10);
      }
      double[] v = RandomProblems.gaussian(8, dim, 1);
      double[] hc = new double[dim];
      double[] hd = new double[dim];
      csr.hessianVector(loss, cc, v, intercept, hc);
      dense.hessianVector(loss, cd, v, intercept, hd);
      for (int j = 0; j < dim; j++) {
        assertEquals(hd[j], hc[j], 1e-10);
      }
      int k = loss.outputs();
      double[] mc = new double[m.rows() * k];
      double[] md = new double[m.rows() * k];
      csr.margins(w, k, intercept, mc);
      dense.margins(w, k, intercept, md);
      for (int i = 0; i < m.rows(); i++) {
        for (int o = 0; o < k; o++) {
          assertEquals(md[i * k + o], mc[i * k + o], 1e-12);
          // the margin against a naive loop over the dense matrix, feature-major coefficients
          double naive = intercept ? w[m.cols() * k + o] : 0;
          for (int j = 0; j < m.cols(); j++) {
            naive += m.data()[i * m.cols() + j] * w[j * k + o];
          }
          assertEquals(naive, mc[i * k + o], 1e-12);
        }
      }
    }
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
