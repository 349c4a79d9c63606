package io.curvature.workers.bench;

import io.curvature.workers.Block;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.LogisticLoss;
import io.curvature.workers.RowLoss;
import io.curvature.workers.RandomProblems;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread's kernel passes over one block shaped like a Fashion-MNIST partition (30,000 rows, 784 features, half
 * of them nonzero: 11.8 million values), float64 and float32 values, no Spark. Divide by the nonzeros for ns per
 * nonzero; compare with the bytes read (12 or 8 a nonzero) over one core's memory bandwidth. Run with
 * {@code bench/kernels.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class KernelBenchmark {
  @Param({"float64", "float32"})
  public String precision;

  private static final RowLoss LOSS = LogisticLoss.INSTANCE;

  private Block block;
  private double[] w;
  private double[] v;
  private double[] gradient;
  private double[] curvature;
  private double[] diagonal;
  private double[] out;
  private double[] gram;

  @Setup
  public void setUp() {
    CsrBlock csr = RandomProblems.matrix(1, 30_000, 784, 0.5, 1.0, false, false).csr();
    block = precision.equals("float32") ? csr.toFloat32() : csr;
    w = RandomProblems.gaussian(2, 784, 0.01);
    v = RandomProblems.gaussian(3, 784, 1.0);
    gradient = new double[784];
    curvature = new double[block.rows()];
    diagonal = new double[784];
    out = new double[784];
    gram = new double[784 * 784];
    block.valueGradient(LOSS, w, false, gradient, curvature, null);
  }

  @Benchmark
  public double valueGradient() {
    return block.valueGradient(LOSS, w, false, gradient, curvature, null);
  }

  @Benchmark
  public double valueGradientDiagonal() {
    return block.valueGradient(LOSS, w, false, gradient, curvature, diagonal);
  }

  @Benchmark
  public double[] hessianVector() {
    block.hessianVector(LOSS, curvature, v, false, out);
    return out;
  }

  /** The sample Hessian of one row in six, as the objective draws it for this shape. */
  @Benchmark
  public double sampleGram() {
    return block.gram(LOSS, curvature, false, 6, gram);
  }

  /** The explicit Hessian (every row), as exact Newton sums it. */
  @Benchmark
  public double explicitHessian() {
    return block.gram(LOSS, curvature, false, 1, gram);
  }
}
