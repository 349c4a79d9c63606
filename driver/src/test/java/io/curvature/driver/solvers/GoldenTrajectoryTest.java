package io.curvature.driver.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.spark.SparkBlockSums;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.RandomProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bits of whole trajectories, kept in {@code golden-trajectories-local.txt} and {@code -spark.txt} (the Spark
 * backend ships compact partials, whose sums may differ from the in-process ones in the last bit): tron and lbfgs on
 * Fashion-MNIST-like generated data (pixel intensities in [0, 1], most features in most rows, some in few; a sample
 * Hessian that is a sample), every iteration's objective, gradient norm and passes, in process and on Spark. A change
 * of the pass engine, the solver contract or the loops that claims to change nothing must leave these files as they
 * are.
 *
 * <p>The files were written by commit 47e5a84's code ({@code -Dgolden.write=DIR} writes them anew into DIR).
 */
class GoldenTrajectoryTest {
  static RandomProblems.Matrix pixels() {
    SplittableRandom rng = new SplittableRandom(784);
    int rows = 6000;
    int cols = 100;
    double[] planted = new double[cols];
    for (int j = 0; j < cols; j++) {
      planted[j] = rng.nextGaussian();
    }
    double[] data = new double[rows * cols];
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      double margin = -2.0;
      for (int j = 0; j < cols; j++) {
        if (rng.nextDouble() < (j < 80 ? 0.5 : 0.01)) {
          double x = Math.rint(255 * rng.nextDouble()) / 255;          // an 8-bit intensity, as in the images
          data[i * cols + j] = x;
          margin += planted[j] * x;
        }
      }
      labels[i] = rng.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1.0 : -1.0;
    }
    return new RandomProblems.Matrix(rows, cols, data, labels, null);
  }

  /** One line an iteration: solver, iteration, and the raw bits of objective and gradient norm, then passes. */
  static List<String> trajectory(String solver, GlmObjective f) {
    SolverResult r = Solvers.create(solver, new StoppingRule(1e-7, 300)).minimize(f, new double[f.dimension()],
        IterationListener.NONE);
    List<String> lines = new ArrayList<>();
    for (IterationRecord h : r.history()) {
      lines.add(solver + " " + h.iteration() + " " + Long.toHexString(Double.doubleToRawLongBits(h.objective()))
          + " " + Long.toHexString(Double.doubleToRawLongBits(h.gradientNorm())) + " " + h.passes());
    }
    lines.add(solver + " end " + r.status() + " " + r.iterations() + " " + r.passes());
    return lines;
  }

  static GlmObjective objective(io.curvature.driver.objective.BlockSums sums) {
    return GlmProblem.of(sums, new TrainingSpec(ModelKind.LOGISTIC, 1e-3, 0, true, false)).objective();
  }

  static List<String> golden(String name) throws IOException {
    try (InputStream in = GoldenTrajectoryTest.class.getResourceAsStream("/" + name)) {
      assertNotNull(in, name + " is missing from the test resources");
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  @ParameterizedTest(name = "on Spark: {0}")
  @ValueSource(booleans = {false, true})
  void tronAndLbfgsRetraceTheirGoldenTrajectories(boolean onSpark) throws IOException {
    RandomProblems.Matrix m = pixels();
    List<String> lines = new ArrayList<>();
    SparkBlockSums spark = onSpark ? new SparkBlockSums(TestSpark.context().parallelize(m.csrBlocks(2), 2)) : null;
    try {
      for (String solver : List.of("tron", "lbfgs")) {
        GlmObjective f = objective(onSpark ? spark : new LocalBlockSums(m.csrBlocks(2)));
        assertEquals(true, f.sampleStride() > 1, "the sample Hessian is a sample");
        lines.addAll(trajectory(solver, f));
      }
    } finally {
      if (spark != null) {
        spark.close();
        spark.blocks().unpersist(false);
      }
    }
    String name = "golden-trajectories-" + (onSpark ? "spark" : "local") + ".txt";
    String write = System.getProperty("golden.write");
    if (write != null) {
      Files.writeString(Path.of(write, name), String.join("\n", lines) + "\n");
    }
    assertEquals(String.join("\n", golden(name)), String.join("\n", lines));
  }
}
