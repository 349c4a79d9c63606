package io.curvature.workers.io;

import io.curvature.workers.CsrBlock;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LIBSVM text as Fashion-MNIST's file holds it (about half of 784 pixels a row, values k/255 printed with six
 * significant digits, 5 KB a line), 4,000 lines (20 MB) parsed on one thread: {@code parse} (the one-pass reading of
 * common lines) against {@code parseCarefully} (the reading every other line falls back to). Rows go into a builder
 * started again every 256 rows, so the figure is the parse and not the growth of a block's arrays. Run with
 * {@code KERNELS=LibsvmParserBenchmark bench/kernels.sh}; MB/s = 20.x MB (printed at setup) / the time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class LibsvmParserBenchmark {
  private byte[] text;
  private int[] lineStarts;
  private final LibsvmParser parser = new LibsvmParser(0);

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(20261128);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lines = 4_000;
    lineStarts = new int[lines + 1];
    MathContext six = new MathContext(6);
    for (int i = 0; i < lines; i++) {
      lineStarts[i] = out.size();
      StringBuilder line = new StringBuilder(rng.nextBoolean() ? "+1" : "-1");
      for (int j = 1; j <= 784; j++) {
        if (rng.nextDouble() < 0.5) {
          BigDecimal v = new BigDecimal((1 + rng.nextInt(255)) / 255.0).round(six).stripTrailingZeros();
          line.append(' ').append(j).append(':').append(v.toPlainString());
        }
      }
      line.append('\n');
      out.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    lineStarts[lines] = out.size();
    text = out.toByteArray();
    System.out.printf("%n%d lines, %.1f MB%n", lines, text.length / 1e6);
  }

  @Benchmark
  public long parse() {
    return run(false);
  }

  @Benchmark
  public long parseCarefully() {
    return run(true);
  }

  private long run(boolean carefully) {
    CsrBlock.Builder builder = new CsrBlock.Builder();
    long nnz = 0;
    for (int i = 0; i + 1 < lineStarts.length; i++) {
      int start = lineStarts[i];
      int length = lineStarts[i + 1] - 1 - start;
      if (carefully) {
        parser.parseCarefully(text, start, length, builder);
      } else {
        parser.parse(text, start, length, builder);
      }
      if (builder.rows() == 256) {
        nnz += builder.nnz();
        builder = new CsrBlock.Builder();
      }
    }
    return nnz + builder.nnz();
  }
}
