package io.curvature.workers.bench;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import io.curvature.workers.BlockedCholesky;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.netlib.util.intW;
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
 * The driver's Cholesky of a d x d positive definite matrix (Fashion-MNIST's d = 784), one thread: BlockedCholesky
 * (Vector API trailing updates) against LAPACK's dpotrf as netlib runs it without a native library (the F2J
 * translation). Run with {@code KERNELS=CholeskyBenchmark bench/kernels.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class CholeskyBenchmark {
  @Param({"784"})
  public int n;

  private double[] a;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    double[] b = new double[n * n];
    for (int k = 0; k < b.length; k++) {
      b[k] = random.nextDouble(-1, 1);
    }
    a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0.0;
        for (int k = 0; k < n; k++) {
          s += b[i * n + k] * b[j * n + k];
        }
        a[i * n + j] = s / n + (i == j ? 1e-3 : 0.0);
        a[j * n + i] = a[i * n + j];
      }
    }
  }

  @Benchmark
  public double[] blocked() {
    double[] l = a.clone();
    if (!BlockedCholesky.factorLower(l, n)) {
      throw new IllegalStateException("not positive definite");
    }
    return l;
  }

  @Benchmark
  public double[] f2jDpotrf() {
    double[] l = a.clone();
    intW info = new intW(0);
    JavaLAPACK.getInstance().dpotrf("U", n, l, n, info);
    if (info.val != 0) {
      throw new IllegalStateException("dpotrf info " + info.val);
    }
    return l;
  }
}
