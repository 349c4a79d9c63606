package io.curvature.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.workers.RandomProblems;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Binary models take blocks whose labels are -1 / +1, as the loaders make them: a block built by hand with 0 / 1
 * labels (or any other value) is refused, where its 0 rows would silently add curvature and no gradient.
 */
class BinaryLabelsTest {
  private static RandomProblems.Matrix withLabels(double negative) {
    RandomProblems.Matrix m = RandomProblems.matrix(3, 300, 5, 0.8, 1.0, true, false);
    double[] labels = m.labels().clone();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = labels[i] > 0 ? 1.0 : negative;
    }
    return new RandomProblems.Matrix(m.rows(), m.cols(), m.data(), labels, m.weights());
  }

  @ParameterizedTest
  @EnumSource(value = ModelKind.class, names = {"LOGISTIC", "SVM", "SIGMOID"})
  void labelsOtherThanPlusOrMinusOneAreRefused(ModelKind kind) {
    TrainingSpec spec = new TrainingSpec(kind, 1e-3, 0, true, false);
    assertEquals(2, GlmProblem.of(new LocalBlockSums(withLabels(-1.0).csrBlocks(2)), spec).classes());
    for (double negative : new double[] {0.0, -0.5}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> GlmProblem.of(new LocalBlockSums(withLabels(negative).csrBlocks(2)), spec));
      assertTrue(e.getMessage().contains("not all -1 or +1"), e.getMessage());
    }
  }
}
