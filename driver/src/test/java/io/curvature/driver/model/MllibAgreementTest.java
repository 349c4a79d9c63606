package io.curvature.driver.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.objective.LocalBlockSums;
import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.ProblemSize;
import io.curvature.driver.solvers.SolverResult;
import io.curvature.driver.solvers.Solvers;
import io.curvature.driver.solvers.StoppingRule;
import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.LossProblems;
import io.curvature.workers.RandomProblems;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Each model against MLlib with matched settings on local[2]: MLlib fits to a tight tolerance, its coefficients are
 * scored by Curvature's objective, and Curvature's fit must reach at most MLlib's objective + 1e-6 relative. Both
 * must also agree to 1e-4: a difference in the objective's scaling (the penalty's units, the label's, the weights')
 * would put MLlib's answer far from Curvature's optimum.
 */
class MllibAgreementTest {
  private static final double BETTER_OR_EQUAL = 1e-6;
  private static final double SAME_OPTIMUM = 1e-4;

  private static Dataset<Row> frame(RandomProblems.Matrix m, boolean binaryAs01) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      double[] x = new double[m.cols()];
      System.arraycopy(m.data(), i * m.cols(), x, 0, m.cols());
      double y = binaryAs01 ? (m.labels()[i] > 0 ? 1.0 : 0.0) : m.labels()[i];
      rows.add(RowFactory.create(y, m.weights() == null ? 1.0 : m.weights()[i], Vectors.dense(x)));
    }
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType)
        .add("weight", DataTypes.DoubleType)
        .add("features", new VectorUDT());
    return TestSpark.session().createDataFrame(rows, schema).repartition(2);
  }

  private static SolverResult fit(GlmObjective f, String solver) {
    ProblemSize size = new ProblemSize(f.summary().rows(), f.dimension(), f.summary().nonzeros(), 2, 2);
    return Solvers.create(solver, new StoppingRule(1e-10, 3000), size, f.sampleStride())
        .minimize(f, new double[f.dimension()], IterationListener.NONE);
  }

  /** Curvature's layout of an MLlib K x d coefficient matrix and K intercepts. */
  private static double[] point(double[][] coefficients, double[] intercepts, boolean intercept) {
    int k = coefficients.length;
    int d = coefficients[0].length;
    double[] w = new double[(d + (intercept ? 1 : 0)) * k];
    for (int j = 0; j < d; j++) {
      for (int o = 0; o < k; o++) {
        w[j * k + o] = coefficients[o][j];
      }
    }
    if (intercept) {
      System.arraycopy(intercepts, 0, w, d * k, k);
    }
    return w;
  }

  private static void assertAgree(String what, GlmProblem problem, double[] mllibPoint, String solver) {
    GlmObjective f = problem.objective();
    double mllib = f.fullValue(mllibPoint);
    SolverResult ours = fit(f, solver);
    double scale = Math.abs(mllib);
    assertTrue(ours.objective() <= mllib + BETTER_OR_EQUAL * scale, what + ": Curvature " + ours.objective()
        + " above MLlib's " + mllib + " (" + ours.message() + ")");
    assertTrue(mllib - ours.objective() <= SAME_OPTIMUM * scale, what + ": MLlib's " + mllib
        + " far above Curvature's " + ours.objective() + ": the objectives differ");
  }

  @Test
  void binaryLogisticWithElasticNetWeightsAndStandardization() {
    RandomProblems.Matrix m = RandomProblems.matrix(71, 500, 10, 0.6, 4.0, true, false);
    Dataset<Row> df = frame(m, true);
    for (boolean standardize : new boolean[] {false, true}) {
      for (boolean intercept : new boolean[] {false, true}) {
        LogisticRegressionModel model = new LogisticRegression().setRegParam(0.02).setElasticNetParam(0.5)
            .setStandardization(standardize).setFitIntercept(intercept).setWeightCol("weight").setMaxIter(300)
            .setTol(1e-10).setFamily("binomial").fit(df);
        TrainingSpec spec = new TrainingSpec(ModelKind.LOGISTIC, 0.02, 0.5, intercept, standardize);
        GlmProblem problem = GlmProblem.of(new LocalBlockSums(m.csrBlocks(2)), spec);
        double[] w = point(new double[][] {model.coefficients().toArray()}, new double[] {model.intercept()},
            intercept);
        for (String solver : new String[] {"owlqn", "prox-newton"}) {
          assertAgree("binomial standardize=" + standardize + " intercept=" + intercept + " " + solver, problem, w,
              solver);
        }
      }
    }
  }

  @Test
  void multinomialWithAndWithoutStandardization() {
    io.curvature.workers.SoftmaxLoss loss = new io.curvature.workers.SoftmaxLoss(3);
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(72, 500, 8, 0.7, 3.0, false, false), loss,
        5);
    Dataset<Row> df = frame(m, false);
    for (boolean standardize : new boolean[] {false, true}) {
      LogisticRegressionModel model = new LogisticRegression().setRegParam(0.01).setElasticNetParam(0.0)
          .setStandardization(standardize).setFitIntercept(true).setMaxIter(300).setTol(1e-12)
          .setFamily("multinomial").fit(df);
      TrainingSpec spec = new TrainingSpec(ModelKind.MULTINOMIAL, 0.01, 0.0, true, standardize);
      GlmProblem problem = GlmProblem.of(new LocalBlockSums(m.csrBlocks(2)), spec);
      Matrix c = model.coefficientMatrix();
      double[][] rows = new double[c.numRows()][c.numCols()];
      for (int k = 0; k < c.numRows(); k++) {
        for (int j = 0; j < c.numCols(); j++) {
          rows[k][j] = c.apply(k, j);
        }
      }
      double[] w = point(rows, model.interceptVector().toArray(), true);
      assertAgree("multinomial standardize=" + standardize, problem, w, "tron");
    }
  }

  @Test
  void linearRegressionWithItsLabelScaling() {
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(73, 500, 9, 0.8, 2.0, true, false),
        io.curvature.workers.SquaredLoss.INSTANCE, 3);
    // Labels on a scale far from 1, so that dividing the L2 term by sigma_y matters.
    double[] labels = m.labels().clone();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = 40 * labels[i] + 7;
    }
    RandomProblems.Matrix scaled = new RandomProblems.Matrix(m.rows(), m.cols(), m.data(), labels, m.weights());
    Dataset<Row> df = frame(scaled, false);
    for (double alpha : new double[] {0.0, 0.5}) {
      for (boolean standardize : new boolean[] {false, true}) {
        LinearRegressionModel model = new LinearRegression().setRegParam(0.3).setElasticNetParam(alpha)
            .setStandardization(standardize).setFitIntercept(true).setWeightCol("weight").setMaxIter(300)
            .setTol(1e-10).setSolver(alpha == 0 ? "normal" : "l-bfgs").fit(df);
        TrainingSpec spec = new TrainingSpec(ModelKind.LINEAR, 0.3, alpha, true, standardize);
        GlmProblem problem = GlmProblem.of(new LocalBlockSums(scaled.csrBlocks(2)), spec);
        double[] w = point(new double[][] {model.coefficients().toArray()}, new double[] {model.intercept()}, true);
        assertAgree("linear alpha=" + alpha + " standardize=" + standardize, problem, w,
            alpha == 0 ? "newton" : "prox-newton");
      }
    }
  }

  @Test
  void poissonRegressionAgainstGeneralizedLinearRegression() {
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(74, 800, 6, 0.8, 1.0, true, false),
        io.curvature.workers.PoissonLoss.INSTANCE, 4);
    Dataset<Row> df = frame(m, false);
    // GLR's IRLS normalizes each weighted least-squares step by the sum of its working weights, s_i mu_i; at the
    // fixed point with an intercept that sum is sum s_i y_i, so its regParam is Curvature's divided by the weighted
    // mean label.
    double meanLabel = 0;
    double weightSum = 0;
    for (int i = 0; i < m.rows(); i++) {
      meanLabel += m.weights()[i] * m.labels()[i];
      weightSum += m.weights()[i];
    }
    meanLabel /= weightSum;
    for (double lambda : new double[] {0.0, 0.05}) {
      GeneralizedLinearRegressionModel model = new GeneralizedLinearRegression().setFamily("poisson").setLink("log")
          .setRegParam(lambda / meanLabel).setFitIntercept(true).setWeightCol("weight").setMaxIter(100).setTol(1e-12)
          .fit(df);
      TrainingSpec spec = new TrainingSpec(ModelKind.POISSON, lambda, 0.0, true, false);
      GlmProblem problem = GlmProblem.of(new LocalBlockSums(m.csrBlocks(2)), spec);
      double[] w = point(new double[][] {model.coefficients().toArray()}, new double[] {model.intercept()}, true);
      assertAgree("poisson lambda=" + lambda, problem, w, "tron");
    }
  }
}
