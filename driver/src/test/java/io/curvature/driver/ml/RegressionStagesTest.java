package io.curvature.driver.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.workers.LossProblems;
import io.curvature.workers.PoissonLoss;
import io.curvature.workers.RandomProblems;
import io.curvature.workers.SquaredLoss;
import java.nio.file.Path;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regression and SVM stages against MLlib's, and their save and load. */
class RegressionStagesTest {
  @Test
  void linearRegressionMatchesMllibsWithBothOfItsSolverNames(@TempDir Path dir) throws Exception {
    Dataset<Row> data = SparkMlTest.frame(LossProblems.relabel(RandomProblems.matrix(61, 500, 6, 0.9, 2.0, true,
        false), SquaredLoss.INSTANCE, 3), false);
    for (String solver : new String[] {"normal", "l-bfgs"}) {
      CurvatureLinearRegressionModel ours = new CurvatureLinearRegression().setRegParam(0.05).setSolver(solver)
          .setWeightCol("weight").fit(data);
      LinearRegressionModel mllib = new LinearRegression().setRegParam(0.05).setSolver("l-bfgs").setTol(1e-10)
          .setWeightCol("weight").fit(data);
      assertArrayEquals(mllib.coefficients().toArray(), ours.coefficients().toArray(), 1e-5, solver);
      assertEquals(mllib.intercept(), ours.intercept(), 1e-5);
      if (solver.equals("normal")) {
        assertEquals(1, ours.summary().passes(), "the normal equations: one pass");
      }
    }
    CurvatureLinearRegressionModel model = new CurvatureLinearRegression().setRegParam(0.05).fit(data);
    model.write().overwrite().save(dir.resolve("linear").toString());
    CurvatureLinearRegressionModel back = CurvatureLinearRegressionModel.load(dir.resolve("linear").toString());
    assertArrayEquals(model.coefficients().toArray(), back.coefficients().toArray(), 0.0);
    assertEquals(model.predict(model.coefficients()), back.predict(model.coefficients()), 0.0);
  }

  @Test
  void poissonMatchesGeneralizedLinearRegressionAtItsRegParam(@TempDir Path dir) throws Exception {
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(62, 500, 5, 0.9, 1.0, false, false),
        PoissonLoss.INSTANCE, 3);
    Dataset<Row> data = SparkMlTest.frame(m, false);
    // MLlib's code with the class name changed: the same regParam gives the same model.
    CurvatureGeneralizedLinearRegressionModel ours = new CurvatureGeneralizedLinearRegression().setFamily("poisson")
        .setRegParam(0.02).fit(data);
    GeneralizedLinearRegressionModel mllib = new GeneralizedLinearRegression().setFamily("poisson").setLink("log")
        .setRegParam(0.02).setTol(1e-12).fit(data);
    assertArrayEquals(mllib.coefficients().toArray(), ours.coefficients().toArray(), 1e-6);
    double[] x = {0.5, -1, 0, 2, 1};
    assertEquals(mllib.predict(org.apache.spark.ml.linalg.Vectors.dense(x)),
        ours.predict(org.apache.spark.ml.linalg.Vectors.dense(x)), 1e-6);
    ours.write().overwrite().save(dir.resolve("glm").toString());
    assertEquals("poisson", CurvatureGeneralizedLinearRegressionModel.load(dir.resolve("glm").toString())
        .getOrDefault(ours.family()));
  }

  @Test
  void gaussianMatchesGeneralizedLinearRegressionAtItsRegParam() {
    RandomProblems.Matrix m = LossProblems.relabel(RandomProblems.matrix(64, 2000, 5, 1.0, 3.0, false, false),
        io.curvature.workers.SquaredLoss.INSTANCE, 2);
    Dataset<Row> data = SparkMlTest.frame(m, false);
    CurvatureGeneralizedLinearRegressionModel ours = new CurvatureGeneralizedLinearRegression().setRegParam(0.1)
        .setTol(1e-10).fit(data);
    GeneralizedLinearRegressionModel mllib = new GeneralizedLinearRegression().setRegParam(0.1).fit(data);
    // MLlib's weighted least squares standardizes with population deviations, Curvature with unbiased ones (as
    // MLlib's LinearRegression does): the penalties differ by a factor of about 1 + 1/(2n).
    double[] a = mllib.coefficients().toArray();
    double[] b = ours.coefficients().toArray();
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], 1e-3 * Math.abs(a[j]) + 1e-6, "coefficient " + j);
    }
    CurvatureGeneralizedLinearRegressionModel unstandardized = new CurvatureGeneralizedLinearRegression()
        .setRegParam(0.1).setStandardization(false).fit(data);
    assertTrue(Math.abs(unstandardized.coefficients().apply(0) - b[0]) > 1e-3 * Math.abs(b[0]),
        "an explicit standardization=false is the other objective");
  }

  @Test
  void squaredHingeSvmClassifiesAndRoundTrips(@TempDir Path dir) throws Exception {
    Dataset<Row> data = SparkMlTest.frame(RandomProblems.matrix(63, 600, 5, 1.0, 1.0, false, false), true);
    CurvatureLinearSVCModel model = new CurvatureLinearSVC().setRegParam(0.01).fit(data);
    assertTrue(model.summary().accuracy() > 0.7, "accuracy " + model.summary().accuracy());
    assertEquals("CONVERGED", model.summary().status());
    model.write().overwrite().save(dir.resolve("svm").toString());
    CurvatureLinearSVCModel back = CurvatureLinearSVCModel.load(dir.resolve("svm").toString());
    assertArrayEquals(model.coefficients().toArray(), back.coefficients().toArray(), 0.0);
  }
}
