package io.curvature.driver.breeze

import breeze.linalg.{DenseMatrix, DenseVector}
import breeze.linalg.operators.OpMulMatrix
import breeze.optimize.{DiffFunction, SecondOrderFunction}
import io.curvature.driver.objective.{Evaluation, Extra, Objective}

/**
 * The one place that knows both Curvature and Breeze: any Curvature objective (the distributed ones included) as a
 * Breeze `DiffFunction` or `SecondOrderFunction` whose Hessian operator is the objective's Hessian-vector product,
 * so Breeze's LBFGS, OWLQN and TruncatedNewtonMinimizer run on Curvature's data path; and a user's Breeze function
 * (a custom loss written in Scala) as a Curvature objective, so it gets Curvature's solvers, stopping rules and
 * reports.
 */
object BreezeAdapter {
  /** `objective` as a Breeze function: one value+gradient pass per `calculate`. */
  def asDiffFunction(objective: Objective): DiffFunction[DenseVector[Double]] = new ObjectiveDiffFunction(objective)

  /**
   * `objective` as a Breeze second-order function: `calculate2` returns the Hessian at the point as an operator, each
   * product one Hessian-vector pass.
   */
  def asSecondOrderFunction(objective: Objective): SecondOrderFunction[DenseVector[Double], HessianOperator] =
    new ObjectiveSecondOrderFunction(objective)

  /**
   * A Breeze function of `dimension` variables as a Curvature objective. Hessian-vector products are exact when
   * `f` is a `SecondOrderFunction` with a dense Hessian, else central differences of gradients.
   */
  def fromBreeze(f: DiffFunction[DenseVector[Double]], dimension: Int): Objective =
    new BreezeFunctionObjective(f, dimension)
}

/** The Hessian of a Curvature evaluation as an operator Breeze multiplies: `h * v` is one Hessian-vector product. */
final class HessianOperator(val evaluation: Evaluation) {
  def *(v: DenseVector[Double]): DenseVector[Double] = {
    val out = new Array[Double](v.length)
    evaluation.hessianVector(v.toArray, out)
    DenseVector(out)
  }
}

object HessianOperator {
  /** What Breeze's TruncatedNewtonMinimizer asks for: `H * v` as an OpMulMatrix implementation. */
  implicit object TimesVector extends OpMulMatrix.Impl2[HessianOperator, DenseVector[Double], DenseVector[Double]] {
    override def apply(h: HessianOperator, v: DenseVector[Double]): DenseVector[Double] = h * v
  }
}

private class ObjectiveDiffFunction(objective: Objective) extends DiffFunction[DenseVector[Double]] {
  override def calculate(x: DenseVector[Double]): (Double, DenseVector[Double]) = {
    val e = objective.evaluate(x.toArray)
    (e.value(), DenseVector(e.gradient().clone()))
  }
}

private class ObjectiveSecondOrderFunction(objective: Objective)
    extends SecondOrderFunction[DenseVector[Double], HessianOperator] {
  override def calculate2(x: DenseVector[Double]): (Double, DenseVector[Double], HessianOperator) = {
    val e = objective.evaluate(x.toArray)
    (e.value(), DenseVector(e.gradient().clone()), new HessianOperator(e))
  }
}

/**
 * A Breeze function as a Curvature objective. Each `calculate` counts as a pass (it is one for a function over
 * distributed data); a Hessian product by differences costs two.
 */
private class BreezeFunctionObjective(f: DiffFunction[DenseVector[Double]], val dimension: Int) extends Objective {
  private val calls = new java.util.concurrent.atomic.AtomicLong()

  override def passes(): Long = calls.get()

  override def evaluate(w: Array[Double], extra: Extra): Evaluation = {
    require(w.length == dimension, s"point has dimension ${w.length}, expected $dimension")
    val point = w.clone()
    f match {
      case second: SecondOrderFunction[DenseVector[Double], _] @unchecked =>
        val (value, gradient, hessian) = second.calculate2(DenseVector(point.clone()))
        calls.incrementAndGet()
        hessian match {
          case m: DenseMatrix[Double] @unchecked =>
            new FunctionEvaluation(point, value, gradient.toArray.clone(), Some(m))
          case _ => new FunctionEvaluation(point, value, gradient.toArray.clone(), None)
        }
      case _ =>
        val (value, gradient) = f.calculate(DenseVector(point.clone()))
        calls.incrementAndGet()
        new FunctionEvaluation(point, value, gradient.toArray.clone(), None)
    }
  }

  private class FunctionEvaluation(point: Array[Double], override val value: Double,
      override val gradient: Array[Double], hessian: Option[DenseMatrix[Double]]) extends Evaluation {
    private var diagonal: Array[Double] = _

    override def point(): Array[Double] = point

    override def hessianVector(v: Array[Double], out: Array[Double]): Unit = hessian match {
      case Some(h) =>
        val hv = h * DenseVector(v)
        System.arraycopy(hv.toArray, 0, out, 0, out.length)
      case None =>
        // Central difference of gradients along v, with a step scaled to the point and the direction.
        val norm = math.sqrt(v.map(x => x * x).sum)
        if (norm == 0) java.util.Arrays.fill(out, 0.0)
        else {
          val scale = math.sqrt(point.map(x => x * x).sum)
          val h = 6e-6 * math.max(1.0, scale) / norm
          val plus = f.gradientAt(DenseVector(point.zip(v).map { case (x, d) => x + h * d }))
          val minus = f.gradientAt(DenseVector(point.zip(v).map { case (x, d) => x - h * d }))
          calls.addAndGet(2)
          var j = 0
          while (j < out.length) {
            out(j) = (plus(j) - minus(j)) / (2 * h)
            j += 1
          }
        }
    }

    /** Exact from a dense Hessian; else from products with unit vectors (n of them: small functions only). */
    override def hessianDiagonal(): Array[Double] = synchronized {
      if (diagonal == null) {
        diagonal = hessian match {
          case Some(h) => Array.tabulate(dimension)(j => h(j, j))
          case None =>
            val e = new Array[Double](dimension)
            val column = new Array[Double](dimension)
            Array.tabulate(dimension) { j =>
              e(j) = 1.0
              hessianVector(e, column)
              e(j) = 0.0
              column(j)
            }
        }
      }
      diagonal
    }
  }
}
