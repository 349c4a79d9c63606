package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.FactorizationMachineObjective;
import io.curvature.driver.objective.FactorizationMachineObjective.Curvature;
import io.curvature.driver.objective.FactorizationMachineObjective.Penalty;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.Block;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.FactorizationMachine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.classification.FMClassifier;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Curvature's factorization machine against MLlib's FMClassifier on the same objective. MLlib's "gd" solver
 * (GradientDescent with SquaredL2Updater) minimizes (1/n) sum_i log(1 + exp(-y_i z_i)) + (regParam / 2) ||theta||^2
 * over every coefficient, the intercept included, with theta = [V (d x k, row-major), w, w0]: Curvature's objective
 * with Penalty(r, r, r) in its own feature-major layout. On a planted FM click log (binary features, 3000 rows, d = 30,
 * k = 4), MLlib's reported objective history is checked against Curvature's objective at MLlib's iterates (the mapping
 * is exact), and TRON from MLlib's kind of start (V ~ N(0, 0.01^2)) reaches an objective no higher than MLlib's, at a
 * stationary point; TRON with the exact Hessian and with Gauss-Newton, both from that same start, land on the same
 * objective.
 */
class FactorizationMachineMllibTest {
  private static final int ROWS = 3000;
  private static final int D = 30;
  private static final int K = 4;
  private static final double REG = 1e-3;
  private static final long SEED = 11;

  private static List<Block> blocks;
  private static Dataset<Row> frame;
  private static SparkBlockSums sums;

  @BeforeAll
  static void data() {
    // Planted model: w*_j ~ N(0, 0.5^2), v*_j ~ N(0, 0.6^2) per factor, w0* = -0.5; 3 to 8 active features a row.
    SplittableRandom rng = new SplittableRandom(SEED);
    double[] w = new double[D];
    double[][] v = new double[D][K];
    for (int j = 0; j < D; j++) {
      w[j] = 0.5 * rng.nextGaussian();
      for (int f = 0; f < K; f++) {
        v[j][f] = 0.6 * rng.nextGaussian();
      }
    }
    blocks = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    CsrBlock.Builder builder = new CsrBlock.Builder();
    for (int i = 0; i < ROWS; i++) {
      int active = 3 + rng.nextInt(6);
      boolean[] on = new boolean[D];
      for (int t = 0; t < active; t++) {
        on[rng.nextInt(D)] = true;
      }
      int[] columns = java.util.stream.IntStream.range(0, D).filter(j -> on[j]).toArray();
      double[] values = new double[columns.length];
      Arrays.fill(values, 1.0);
      double z = -0.5;
      for (int a = 0; a < columns.length; a++) {
        z += w[columns[a]];
        for (int b = a + 1; b < columns.length; b++) {
          for (int f = 0; f < K; f++) {
            z += v[columns[a]][f] * v[columns[b]][f];
          }
        }
      }
      boolean click = rng.nextDouble() < 1 / (1 + Math.exp(-z));
      builder.addRow(click ? 1.0 : -1.0, 1.0, columns, values, columns.length);
      rows.add(RowFactory.create(click ? 1.0 : 0.0, Vectors.sparse(D, columns, values)));
      if (builder.rows() == ROWS / 4) {
        blocks.add(builder.build(D));
        builder = new CsrBlock.Builder();
      }
    }
    sums = new SparkBlockSums(TestSpark.context().parallelize(blocks, blocks.size()), true, 0);
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
    frame = TestSpark.session().createDataFrame(rows, schema).repartition(4).cache();
    frame.count();
  }

  @AfterAll
  static void tearDown() {
    sums.close();
    sums.blocks().unpersist(false);
    frame.unpersist();
  }

  private static FactorizationMachineObjective objective(Curvature curvature) {
    return new FactorizationMachineObjective(sums, FactorizationMachine.logistic(K, true),
        new Penalty(REG, REG, REG), curvature, 0.0);
  }

  private static FMClassificationModel mllib(String solver, int maxIter) {
    return new FMClassifier().setFactorSize(K).setSolver(solver).setRegParam(REG).setStepSize(1.0)
        .setMaxIter(maxIter).setTol(1e-12).setSeed(SEED).fit(frame);
  }

  /** MLlib's coefficients in Curvature's layout: V_jf and w_j feature-major, the intercept last. */
  static double[] packed(FactorizationMachine fm, Matrix factors, double[] linear, double intercept) {
    int d = linear.length;
    double[] p = new double[fm.dimension(d)];
    for (int j = 0; j < d; j++) {
      p[fm.linearIndex(j)] = linear[j];
      for (int f = 0; f < fm.factors(); f++) {
        p[fm.factorIndex(j, f)] = factors.apply(j, f);
      }
    }
    p[fm.interceptIndex(d)] = intercept;
    return p;
  }

  private static double[] packed(FactorizationMachine fm, FMClassificationModel m) {
    return packed(fm, m.factors(), m.linear().toArray(), m.intercept());
  }

  @Test
  void mllibsObjectiveIsCurvaturesWithEveryCoefficientPenalized() {
    FactorizationMachineObjective f = objective(Curvature.EXACT);
    // MLlib's history[t] is f at its iterate t (before step t + 1): the 2-iteration fit reports f(w_1), and w_1 is
    // the 1-iteration fit's model (same seed, same data, same first step).
    FMClassificationModel one = mllib("gd", 1);
    double[] history = mllib("gd", 2).summary().objectiveHistory();
    double atOne = f.evaluate(packed(f.model(), one)).value();
    assertEquals(history[1], atOne, 1e-12 * Math.abs(atOne), "mean logistic loss + (r/2)||theta||^2, w0 included");
  }

  @Test
  void tronReachesNoHigherObjectiveThanMllibAndGaussNewtonTheSameAsTheExactHessian() {
    FactorizationMachineObjective exact = objective(Curvature.EXACT);
    FactorizationMachineObjective gaussNewton = objective(Curvature.GAUSS_NEWTON);
    FMClassificationModel gd = mllib("gd", 80);
    double mllibObjective = exact.evaluate(packed(exact.model(), gd)).value();
    // The same small-random start for both curvatures (MLlib's initStd): the objective is not convex, and from one
    // start both take the same basin here.
    double[] start = exact.initialPoint(SEED, FactorizationMachine.DEFAULT_INIT_STD);
    SolverResult r = Solvers.create("tron", new StoppingRule(1e-8, 300)).minimize(exact, start, x -> { });
    SolverResult gn = Solvers.create("tron", new StoppingRule(1e-8, 300)).minimize(gaussNewton, start, x -> { });
    assertTrue(r.converged(), r.message());
    assertTrue(gn.converged(), gn.message());
    double g0 = exact.evaluate(start).gradient().length == 0 ? 1 : norm(exact.evaluate(start).gradient());
    assertTrue(r.gradientNorm() <= 1e-7 * g0, "stationary: ||g|| = " + r.gradientNorm() + ", ||g0|| = " + g0);
    assertTrue(r.objective() <= mllibObjective + 1e-9 * Math.abs(mllibObjective),
        "TRON " + r.objective() + " vs MLlib gd " + mllibObjective);
    assertEquals(r.objective(), gn.objective(), 1e-6 * Math.abs(r.objective()),
        "exact Hessian " + r.objective() + " vs Gauss-Newton " + gn.objective());
    // Re-evaluated at the returned point, not the solver's bookkeeping.
    assertEquals(r.objective(), exact.evaluate(r.w()).value(), 1e-12 * Math.abs(r.objective()));
    System.out.printf("FM d=%d k=%d r=%g: MLlib gd (80 iterations) f = %.12f, TRON f = %.12f (%d iterations, "
            + "%d passes), TRON Gauss-Newton f = %.12f (%d iterations, %d passes)%n", D, K, REG, mllibObjective,
        r.objective(), r.iterations(), r.passes(), gn.objective(), gn.iterations(), gn.passes());
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
