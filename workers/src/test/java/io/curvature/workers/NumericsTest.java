package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class NumericsTest {
  @Test
  void log1pExpMatchesNaiveFormulaWhereItIsSafeAndStaysAccurateBeyond() {
    for (double z = -30; z <= 30; z += 0.37) {
      double naive = Math.log(1 + Math.exp(z));
      assertEquals(naive, Numerics.log1pExp(z), 1e-14 * Math.max(1, naive), "z=" + z);
    }
    assertEquals(800.0, Numerics.log1pExp(800.0), 0.0);            // naive overflows to +inf
    assertTrue(Double.isInfinite(Math.log(1 + Math.exp(800.0))));
    // Far below 0, log(1 + e^z) = e^z - e^2z/2 + ...: to double precision e^z itself. The naive formula returns 0
    // once 1 + e^z rounds to 1 (z < -37); the stable one keeps every digit down to the subnormals.
    for (double z : new double[] {-40.0, -100.0, -700.0}) {
      double exact = Math.exp(z);
      assertEquals(0.0, Math.log(1 + Math.exp(z)), 0.0, "the naive formula loses everything at z=" + z);
      assertEquals(exact, Numerics.log1pExp(z), 2 * Math.ulp(exact), "z=" + z);
    }
    assertEquals(Math.log(2), Numerics.log1pExp(0.0), 0.0);
  }

  @Test
  void sigmoidIsSymmetricAndSaturatesWithoutNaN() {
    for (double z = -50; z <= 50; z += 0.5) {
      assertEquals(1.0, Numerics.sigmoid(z) + Numerics.sigmoid(-z), 1e-15, "z=" + z);
    }
    assertEquals(1.0, Numerics.sigmoid(1e308), 0.0);
    assertEquals(0.0, Numerics.sigmoid(-1e308), 0.0);
    double exact = Math.exp(-700);                     // sigma(-700) = e^-700 / (1 + e^-700): e^-700 to rounding
    assertEquals(exact, Numerics.sigmoid(-700), 2 * Math.ulp(exact));
    assertTrue(Numerics.sigmoid(-700) > 0);
  }

  @Test
  void fusedLogisticLossAgreesWithSeparateFormulasAndDerivatives() {
    LogisticLoss loss = LogisticLoss.INSTANCE;
    double[] out = new double[2];
    for (double y : new double[] {-1, 1}) {
      for (double m = -40; m <= 40; m += 0.73) {
        double value = loss.evaluate(m, y, out);
        assertEquals(Numerics.log1pExp(-y * m), value, 1e-15 * Math.max(1, value));
        assertEquals(-y * Numerics.sigmoid(-y * m), out[0], 1e-15);
        assertEquals(Numerics.sigmoid(m) * Numerics.sigmoid(-m), out[1], 1e-15);
        assertEquals(out[1], loss.curvature(m, y), 0.0);
        double h = 1e-5;
        double fd = (loss.value(m + h, y) - loss.value(m - h, y)) / (2 * h);
        assertEquals(fd, out[0], 1e-9);
      }
    }
    double value = loss.evaluate(-1000, 1, out);
    assertEquals(1000.0, value, 0.0);
    assertEquals(-1.0, out[0], 0.0);
    assertTrue(out[1] >= 0 && out[1] < 1e-300);
  }

  @Test
  void fastLog1pIsAccurateToAFewUlpsOnTheUnitInterval() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
    for (int t = 0; t < 200_000; t++) {
      double e = t % 2 == 0 ? rng.nextDouble() : Math.exp(-745 * rng.nextDouble());
      double exact = Math.log1p(e);
      assertEquals(exact, LogisticLoss.log1p(e, 1.0 + e), 4 * Math.ulp(exact), "e=" + e);
    }
    // e = 2^-30: 1 + e is exact, log(1 + e) = e - e^2/2 + e^3/3, computed in 40 digits.
    double e = 0x1p-30;
    BigDecimal x = new BigDecimal(e);
    double exact = x.subtract(x.pow(2).divide(BigDecimal.valueOf(2), MathContext.DECIMAL128))
        .add(x.pow(3).divide(BigDecimal.valueOf(3), MathContext.DECIMAL128)).doubleValue();
    assertEquals(exact, LogisticLoss.log1p(e, 1.0 + e), Math.ulp(exact));
    assertEquals(1e-300, LogisticLoss.log1p(1e-300, 1.0), 0.0);     // 1 + e rounds to 1: log(1 + e) = e
    assertEquals(Math.log(2), LogisticLoss.log1p(1.0, 2.0), Math.ulp(Math.log(2)));
  }
}
