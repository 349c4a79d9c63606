package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each loss's derivatives in the margin against central differences, closed forms at chosen points, its labels. */
class LossesTest {
  private static final MarginLoss[] MARGIN_LOSSES = {LogisticLoss.INSTANCE, SquaredLoss.INSTANCE,
      PoissonLoss.INSTANCE, SquaredHingeLoss.INSTANCE, SigmoidLoss.INSTANCE};

  private static double label(MarginLoss loss, SplittableRandom rng) {
    return switch (loss.labelDomain()) {
      case BINARY -> rng.nextBoolean() ? 1 : -1;
      case REAL -> 3 * rng.nextGaussian();
      case COUNT -> rng.nextInt(6);
      default -> throw new IllegalStateException();
    };
  }

  @Test
  void marginLossDerivativesMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(1);
    double h = 1e-6;
    for (MarginLoss loss : MARGIN_LOSSES) {
      for (int t = 0; t < 2000; t++) {
        double m = 6 * rng.nextDouble() - 3;
        double y = label(loss, rng);
        if (loss instanceof SquaredHingeLoss && Math.abs(1 - y * m) < 1e-4) {
          continue;                                  // the kink of l'
        }
        double[] d = new double[2];
        double value = loss.evaluate(m, y, d);
        assertEquals(loss.value(m, y), value, 1e-15 * Math.max(1, Math.abs(value)));
        double fd1 = (loss.value(m + h, y) - loss.value(m - h, y)) / (2 * h);
        assertEquals(fd1, d[0], 1e-7 * Math.max(1, Math.abs(d[0])), loss.name() + " l' at m=" + m + " y=" + y);
        double[] plus = new double[2];
        double[] minus = new double[2];
        loss.evaluate(m + h, y, plus);
        loss.evaluate(m - h, y, minus);
        double fd2 = (plus[0] - minus[0]) / (2 * h);
        assertEquals(fd2, d[1], 1e-7 * Math.max(1, Math.abs(d[1])), loss.name() + " l'' at m=" + m);
        assertEquals(d[1], loss.curvature(m, y), 0.0);
        assertTrue(!loss.convex() || d[1] >= 0, "convex");
      }
    }
  }

  @Test
  void closedFormsAtChosenPoints() {
    double[] d = new double[2];
    assertEquals(Math.log(2), LogisticLoss.INSTANCE.evaluate(0, 1, d), 0.0);
    assertEquals(-0.5, d[0], 0.0);
    assertEquals(0.25, d[1], 0.0);
    assertEquals(2.0, SquaredLoss.INSTANCE.evaluate(1.5, -0.5, d), 0.0);   // (2)^2 / 2
    assertEquals(2.0, d[0], 0.0);
    assertEquals(Math.E - 2, PoissonLoss.INSTANCE.evaluate(1, 2, d), 1e-15); // e - 2 * 1
    assertEquals(Math.E - 2, d[0], 1e-15);
    assertEquals(Math.E, d[1], 1e-15);
    assertEquals(Math.exp(-800), PoissonLoss.INSTANCE.evaluate(-800, 0, d), 0.0);  // y = 0: no 0 * -inf
    assertTrue(Double.isInfinite(PoissonLoss.INSTANCE.evaluate(800, 3, d)), "overflow is +inf, never NaN");
    assertEquals(0.25, SquaredHingeLoss.INSTANCE.evaluate(0.5, 1, d), 0.0);   // (1 - 0.5)^2
    assertEquals(-1.0, d[0], 0.0);
    assertEquals(2.0, d[1], 0.0);
    assertEquals(0.0, SquaredHingeLoss.INSTANCE.evaluate(-2, -1, d), 0.0);    // margin beyond 1: no loss
    assertEquals(0.0, d[1], 0.0);
  }

  @Test
  void sigmoidLossIsBoundedAndBendsDownExactlyOnMisclassifiedRows() {
    double[] d = new double[2];
    SigmoidLoss loss = SigmoidLoss.INSTANCE;
    assertEquals(0.5, loss.evaluate(0, 1, d), 0.0);                    // sigma(0)
    assertEquals(-0.25, d[0], 0.0);                                    // -y p (1 - p)
    assertEquals(0.0, d[1], 0.0);                                      // the inflection point
    // Closed forms at z = y m = +-2 against a naive evaluation in plain doubles.
    for (double y : new double[] {-1, 1}) {
      for (double m : new double[] {-2, 2, 0.01, -1e-9}) {
        double p = 1 / (1 + Math.exp(-y * m));
        double value = loss.evaluate(m, y, d);
        assertEquals(1 - p, value, 1e-15);
        assertEquals(-y * p * (1 - p), d[0], 1e-15);
        assertEquals(p * (1 - p) * (2 * p - 1), d[1], 1e-15);
        assertEquals(Math.signum(y * m), Math.signum(d[1]), "l'' < 0 exactly where y m < 0");
      }
    }
    // Near the sign change the curvature keeps its relative accuracy: l''(m) = m/8 + O(m^3) for y = 1.
    assertEquals(1e-9 / 8, loss.curvature(1e-9, 1), 1e-24);
    // Bounded: a row on the wrong side by 800 costs 1 and no gradient, never NaN or overflow.
    assertEquals(1.0, loss.evaluate(-800, 1, d), 0.0);
    assertEquals(0.0, d[0], 0.0);
    assertEquals(0.0, d[1], 0.0);
    assertEquals(0.0, loss.evaluate(800, 1, d), 0.0);
    assertTrue(!loss.convex() && LogisticLoss.INSTANCE.convex());
  }

  @Test
  void softmaxGradientHessianAndFactorMatchDifferencesAndTheMatrix() {
    SplittableRandom rng = new SplittableRandom(2);
    int k = 5;
    SoftmaxLoss loss = new SoftmaxLoss(k);
    double h = 1e-6;
    for (int t = 0; t < 200; t++) {
      double[] m = new double[k];
      for (int o = 0; o < k; o++) {
        m[o] = 4 * rng.nextGaussian();
      }
      int y = rng.nextInt(k);
      double[] g = new double[k];
      double[] p = new double[k];
      double value = loss.evaluate(m, y, g, p, 0);
      double naive = -m[y];
      double sum = 0;
      for (double v : m) {
        sum += Math.exp(v);
      }
      naive += Math.log(sum);
      assertEquals(naive, value, 1e-13 * Math.max(1, Math.abs(naive)));
      double[] a = new double[k * k];                  // A = diag(p) - p p^T, naive
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          a[r * k + c] = (r == c ? p[r] : 0) - p[r] * p[c];
        }
      }
      for (int o = 0; o < k; o++) {
        double[] e = new double[k];
        e[o] = h;
        double fd = (loss.evaluate(plus(m, e, 1), y, new double[k], new double[k], 0)
            - loss.evaluate(plus(m, e, -1), y, new double[k], new double[k], 0)) / (2 * h);
        assertEquals(fd, g[o], 1e-8, "gradient " + o);
        double[] gp = new double[k];
        double[] gm = new double[k];
        loss.evaluate(plus(m, e, 1), y, gp, new double[k], 0);
        loss.evaluate(plus(m, e, -1), y, gm, new double[k], 0);
        double[] unit = new double[k];
        unit[o] = 1;
        double[] column = new double[k];
        loss.hessianProduct(p, 0, unit, column);
        for (int r = 0; r < k; r++) {
          assertEquals((gp[r] - gm[r]) / (2 * h), column[r], 1e-8, "Hessian " + r + "," + o);
          assertEquals(a[r * k + o], column[r], 1e-15);
        }
      }
      double[] factor = new double[k * k];
      loss.hessianFactor(p, 0, factor);
      double trace = 0;
      double[] diagonal = new double[k];
      loss.hessianDiagonal(p, 0, diagonal);
      for (int r = 0; r < k; r++) {
        trace += a[r * k + r];
        assertEquals(a[r * k + r], diagonal[r], 1e-15);
        for (int c = 0; c < k; c++) {
          double bb = 0;
          for (int q = 0; q < k; q++) {
            bb += factor[q * k + r] * factor[q * k + c];
          }
          assertEquals(a[r * k + c], bb, 1e-14, "factor reproduces A at " + r + "," + c);
        }
      }
      assertEquals(trace, loss.hessianTrace(p, 0), 1e-14);
      double[] rebuilt = new double[k];
      loss.state(m, y, rebuilt, 0);
      for (int o = 0; o < k; o++) {
        assertEquals(p[o], rebuilt[o], 0.0);
      }
    }
    double[] huge = {1e300, -1e300, 0, 0, 5};
    double value = loss.evaluate(huge, 1, new double[k], new double[k], 0);
    assertEquals(2e300, value, 1e286, "no overflow: log-sum-exp shifted by the largest margin");
  }

  @Test
  void labelDomainsAcceptTheirLabelsAndNameWhatIsWrong() {
    assertEquals(-1.0, LabelDomain.BINARY.encode(0));
    assertEquals(-1.0, LabelDomain.BINARY.encode(-1));
    assertEquals(1.0, LabelDomain.BINARY.encode(1));
    assertEquals("is not binary (expected +1/-1 or 1/0)", LabelDomain.BINARY.problem(3));
    assertNull(LabelDomain.REAL.problem(-2.5));
    assertNotNull(LabelDomain.REAL.problem(Double.NaN));
    assertNull(LabelDomain.COUNT.problem(0));
    assertNull(LabelDomain.COUNT.problem(2.5));                  // GLM Poisson takes non-integer rates too
    assertTrue(LabelDomain.COUNT.problem(-1).contains("negative"));
    assertNull(LabelDomain.CLASS_INDEX.problem(7));
    assertTrue(LabelDomain.CLASS_INDEX.problem(2.5).contains("not a class index"));
    assertTrue(LabelDomain.CLASS_INDEX.problem(-1).contains("not a class index"));
    assertNotNull(LabelDomain.CLASS_INDEX.problem(LabelDomain.MAX_CLASSES));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelDomain.BINARY.encode(2));
    assertTrue(e.getMessage().contains("label 2.0 is not binary"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxLoss(3).evaluate(new double[3], 3,
        new double[3], new double[3], 0));
    assertThrows(IllegalArgumentException.class, () -> new SoftmaxLoss(1));
  }

  private static double[] plus(double[] a, double[] b, double sign) {
    double[] r = a.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] += sign * b[i];
    }
    return r;
  }
}
