package io.curvature.examples

import breeze.linalg.{DenseMatrix, DenseVector}
import breeze.optimize.SecondOrderFunction
import io.curvature.driver.breeze.BreezeAdapter
import io.curvature.driver.ml.{CurvatureLogisticRegression, CurvatureLogisticRegressionModel}
import io.curvature.driver.solvers.{IterationListener, Solvers, StoppingRule}
import org.apache.spark.ml.{Pipeline, PipelineModel, PipelineStage}
import org.apache.spark.ml.feature.VectorAssembler
import org.apache.spark.sql.SparkSession

/**
 * Curvature from Scala (the README shows this file): a Pipeline that assembles numeric columns and fits
 * CurvatureLogisticRegression, its training summary, and Curvature's TRON minimizing a function written with Breeze.
 * Runs in CI (ScalaExampleTest).
 */
object ScalaExample {
  def run(spark: SparkSession): (CurvatureLogisticRegressionModel, Array[Double]) = {
    import spark.implicits._
    val rows = (0 until 400).map { i =>
      val x1 = math.sin(i * 0.37) * 2
      val x2 = math.cos(i * 0.11)
      val label = if (x1 + 0.5 * x2 + math.sin(i * 7.1) > 0) 1.0 else 0.0
      (label, x1, x2)
    }
    val training = rows.toDF("label", "x1", "x2")

    val assembler = new VectorAssembler().setInputCols(Array("x1", "x2")).setOutputCol("features")
    val lr = new CurvatureLogisticRegression().setRegParam(0.01).setSolver("tron")
    val model: PipelineModel = new Pipeline().setStages(Array[PipelineStage](assembler, lr)).fit(training)
    val fitted = model.stages(1).asInstanceOf[CurvatureLogisticRegressionModel]
    val summary = fitted.summary
    println(s"coefficients ${fitted.coefficients}, intercept ${fitted.intercept}")
    println(s"${summary.totalIterations} iterations, ${summary.passes} passes, status ${summary.status}, " +
      s"objective ${summary.objectiveHistory.last}, training AUC ${summary.areaUnderROC}")

    // A function written with Breeze, minimized by Curvature's trust-region Newton.
    val rosenbrock = new SecondOrderFunction[DenseVector[Double], DenseMatrix[Double]] {
      def calculate2(x: DenseVector[Double]): (Double, DenseVector[Double], DenseMatrix[Double]) = {
        val (a, b) = (x(0), x(1))
        ((1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a),
          DenseVector(-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)),
          DenseMatrix((2 - 400 * (b - 3 * a * a), -400 * a), (-400 * a, 200.0)))
      }
    }
    val result = Solvers.create("tron", new StoppingRule(1e-10, 200))
      .minimize(BreezeAdapter.fromBreeze(rosenbrock, 2), Array(-1.2, 1.0), IterationListener.NONE)
    println(s"Rosenbrock: minimum at ${result.w().mkString("(", ", ", ")")} after ${result.iterations()} " +
      s"iterations (${result.message()})")
    (fitted, result.w())
  }

  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().master("local[2]").appName("curvature-scala-example").getOrCreate()
    try run(spark) finally spark.stop()
  }
}
