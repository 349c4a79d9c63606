package io.curvature.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.workers.RandomProblems;
import org.junit.jupiter.api.Test;

/** The sigmoid-loss classifier: a non-convex GLM whose Hessians, explicit and in products, stay exact. */
class SigmoidModelTest {
  @Test
  void theObjectiveSaysItIsNotConvexAndItsExplicitHessianIsTheIndefiniteOneOfItsProducts() {
    RandomProblems.Matrix drawn = RandomProblems.matrix(71, 600, 8, 0.7, 1.0, true, false);
    // Labels against the direction u = (1, ..., 1): at w = u every row is misclassified (y z < 0), so every
    // curvature weight is negative and the data part of H is negative semidefinite.
    double[] labels = new double[drawn.rows()];
    for (int i = 0; i < labels.length; i++) {
      double z = 0;
      for (int j = 0; j < 8; j++) {
        z += drawn.data()[i * 8 + j];
      }
      labels[i] = z > 0 ? -1 : 1;
    }
    RandomProblems.Matrix m = new RandomProblems.Matrix(drawn.rows(), 8, drawn.data(), labels, drawn.weights());
    TrainingSpec spec = new TrainingSpec(ModelKind.SIGMOID, 1e-3, 0, true, false);
    GlmObjective f = GlmProblem.of(new LocalBlockSums(m.csrBlocks(3)), spec).objective();
    assertFalse(f.convex());
    assertTrue(GlmProblem.of(new LocalBlockSums(m.csrBlocks(1)),
        new TrainingSpec(ModelKind.LOGISTIC, 1e-3, 0, true, false)).objective().convex());
    assertEquals("sigmoid", ModelKind.parse("Sigmoid").cliName());
    double[] w = new double[f.dimension()];
    java.util.Arrays.fill(w, 0, 8, 1.0);
    Evaluation e = f.evaluate(w, Extra.HESSIAN);
    double[] h = e.dense().hessian();
    int n = f.dimension();
    double smallestDiagonal = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      double[] unit = new double[n];
      unit[j] = 1;
      double[] column = new double[n];
      e.hessianVector(unit, column);
      for (int i = 0; i < n; i++) {
        assertEquals(column[i], h[i * n + j], 1e-12 * Math.max(1, Math.abs(column[i])), "H[" + i + "," + j + "]");
      }
      assertEquals(column[j], e.hessianDiagonal()[j], 1e-12 * Math.max(1, Math.abs(column[j])));
      smallestDiagonal = Math.min(smallestDiagonal, h[j * n + j]);
    }
    assertTrue(smallestDiagonal < -1e-2, "every row bends down: H's diagonal is negative, " + smallestDiagonal);
    GlmModel model = GlmModel.fromPoint(w, 8, 2, spec, 0.0);
    assertEquals(1.0, model.predict(new double[] {0.1}));         // sign of the margin, as the SVM
    assertEquals(0.0, model.predict(new double[] {-0.1}));
  }
}
