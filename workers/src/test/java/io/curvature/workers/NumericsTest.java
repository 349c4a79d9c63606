package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumericsTest {
  @Test
  void log1pExpMatchesNaiveFormulaWhereItIsSafeAndStaysFiniteBeyond() {
    for (double z = -30; z <= 30; z += 0.37) {
      double naive = Math.log(1 + Math.exp(z));
      assertEquals(naive, Numerics.log1pExp(z), 1e-14 * Math.max(1, naive), "z=" + z);
    }
    assertEquals(800.0, Numerics.log1pExp(800.0), 0.0);            // naive overflows to +inf
    assertEquals(Math.exp(-800.0), Numerics.log1pExp(-800.0), 0.0); // naive rounds to 0 (here 0 too, but no NaN)
    assertEquals(Math.exp(-40.0), Numerics.log1pExp(-40.0), 1e-30); // naive log(1+tiny) loses all digits
    assertEquals(Math.log(2), Numerics.log1pExp(0.0), 0.0);
  }

  @Test
  void sigmoidIsSymmetricAndSaturatesWithoutNaN() {
    for (double z = -50; z <= 50; z += 0.5) {
      assertEquals(1.0, Numerics.sigmoid(z) + Numerics.sigmoid(-z), 1e-15, "z=" + z);
    }
    assertEquals(1.0, Numerics.sigmoid(1e308), 0.0);
    assertEquals(0.0, Numerics.sigmoid(-1e308), 0.0);
    assertEquals(Math.exp(-700), Numerics.sigmoid(-700), 1e-310);
  }

  @Test
  void fusedLossAgreesWithSeparateFormulasAndDerivatives() {
    double[] out = new double[2];
    for (double y : new double[] {-1, 1}) {
      for (double m = -40; m <= 40; m += 0.73) {
        double loss = LogisticLoss.evaluate(m, y, out);
        assertEquals(Numerics.log1pExp(-y * m), loss, 1e-15 * Math.max(1, loss));
        assertEquals(-y * Numerics.sigmoid(-y * m), out[0], 1e-15);
        assertEquals(Numerics.sigmoid(m) * Numerics.sigmoid(-m), out[1], 1e-15);
        assertEquals(out[1], LogisticLoss.curvature(m, y), 0.0);
        // derivative against a central difference of the loss itself
        double h = 1e-5;
        double fd = (LogisticLoss.value(m + h, y) - LogisticLoss.value(m - h, y)) / (2 * h);
        assertEquals(fd, out[0], 1e-9);
      }
    }
    double loss = LogisticLoss.evaluate(-1000, 1, out);
    assertEquals(1000.0, loss, 0.0);
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
    assertEquals(0.0, LogisticLoss.log1p(0.0, 1.0), 0.0);
    assertEquals(Math.log(2), LogisticLoss.log1p(1.0, 2.0), Math.ulp(Math.log(2)));
  }
}
