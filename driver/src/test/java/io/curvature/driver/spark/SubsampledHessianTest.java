package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.Status;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.model.GlmProblem;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.Block;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import io.curvature.workers.SoftmaxLoss;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

/**
 * Sub-sampled Hessian products and the sub-sampled Newton-CG built on them. The identity that pins the row
 * selection without restating it: over the offsets 0 .. k-1 the strided samples partition the rows, so their
 * weight-scaled data parts add up to the full Hessian's, W (H - R) v = sum_o W_o (H_o - R) v.
 */
class SubsampledHessianTest {
  private static final double LAMBDA = 1e-3;
  private static final RandomProblems.Matrix DATA = RandomProblems.matrix(61, 2000, 40, 0.2, 5.0, true, false);

  private static double[] sampled(Evaluation at, double[] v, int stride, int offset) {
    double[] out = new double[v.length];
    at.sampledHessianVector(v, out, stride, offset);
    return out;
  }

  @Test
  void stridedSamplesPartitionTheRowsAndStrideOneIsTheExactProduct() {
    GlmObjective f = GlmObjective.logistic(new LocalBlockSums(DATA.csrBlocks(3)), LAMBDA, true);
    double[] w = RandomProblems.gaussian(1, f.dimension(), 0.2);
    double[] v = RandomProblems.gaussian(2, f.dimension(), 1.0);
    Evaluation at = f.evaluate(w);
    double[] exact = new double[v.length];
    at.hessianVector(v, exact);
    assertEquals(java.util.Arrays.toString(exact), java.util.Arrays.toString(sampled(at, v, 1, 0)));
    double[] weights = DATA.weights();
    double total = 0;
    for (double s : weights) {
      total += s;
    }
    int stride = 4;
    double[] reassembled = new double[v.length];
    for (int offset = 0; offset < stride; offset++) {
      double[] h = sampled(at, v, stride, offset);
      double w0 = 0;                                   // the weight of the rows this offset takes in each block
      int row = 0;
      for (Block b : DATA.csrBlocks(3)) {
        for (int i = 0; i < b.rows(); i++, row++) {
          if (i % stride == offset) {
            w0 += weights[row];
          }
        }
      }
      for (int j = 0; j < v.length; j++) {
        double penalty = j < f.dimension() - 1 ? LAMBDA * v[j] : 0;   // the intercept (last) is not penalized
        reassembled[j] += w0 * (h[j] - penalty);
      }
    }
    for (int j = 0; j < v.length; j++) {
      double penalty = j < f.dimension() - 1 ? LAMBDA * v[j] : 0;
      assertEquals(total * (exact[j] - penalty), reassembled[j], 1e-10 * total * Math.abs(exact[j]) + 1e-12);
    }
  }

  @Test
  void sparkGivesTheLocalBitsForBinaryAndMulticlass() {
    RandomProblems.Matrix multi = LossProblems.relabel(DATA, new SoftmaxLoss(3), 7);
    for (boolean multiclass : new boolean[] {false, true}) {
      RandomProblems.Matrix m = multiclass ? multi : DATA;
      JavaRDD<Block> rdd = TestSpark.context().parallelize(m.csrBlocks(3), 3);
      try (SparkBlockSums sums = new SparkBlockSums(rdd)) {
        TrainingSpec spec = new TrainingSpec(multiclass ? ModelKind.MULTINOMIAL : ModelKind.LOGISTIC, LAMBDA, 0, true,
            false);
        GlmObjective local = GlmProblem.of(new LocalBlockSums(m.csrBlocks(3)), spec).objective();
        GlmObjective spark = GlmProblem.of(sums, spec).objective();
        double[] w = RandomProblems.gaussian(3, local.dimension(), 0.2);
        double[] v = RandomProblems.gaussian(4, local.dimension(), 1.0);
        double[] a = sampled(local.evaluate(w), v, 5, 2);
        double[] b = sampled(spark.evaluate(w), v, 5, 2);
        for (int j = 0; j < a.length; j++) {
          assertEquals(a[j], b[j], 1e-13 * Math.max(1, Math.abs(a[j])), "coordinate " + j);
        }
      } finally {
        rdd.unpersist(false);
      }
    }
  }

  @Test
  void subsampledNewtonCgReachesTheOptimumOnSpark() {
    JavaRDD<Block> rdd = TestSpark.context().parallelize(DATA.csrBlocks(4), 4);
    try (SparkBlockSums sums = new SparkBlockSums(rdd)) {
      GlmObjective f = GlmObjective.logistic(sums, LAMBDA, true);
      SolverResult exact = Solvers.create("tron", new StoppingRule(1e-10, 500))
          .minimize(f, new double[f.dimension()], IterationListener.NONE);
      SolverResult sub = Solvers.create("subsampled-newton-cg", new StoppingRule(1e-8, 500))
          .minimize(f, new double[f.dimension()], IterationListener.NONE);
      assertEquals(Status.CONVERGED, sub.status(), sub.message());
      assertTrue(sub.objective() - exact.objective() <= 1e-9 * exact.objective(),
          "gap " + (sub.objective() - exact.objective()) / exact.objective());
    } finally {
      rdd.unpersist(false);
    }
  }
}
