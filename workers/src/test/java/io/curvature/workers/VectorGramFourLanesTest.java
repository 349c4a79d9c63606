package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API Gram kernel with four lanes (AVX2, its 4-row tile), which an AVX-512 machine like the one CI runs on
 * never takes in process: a child JVM limited to AVX2 ({@code -XX:UseAVX=2}) checks it against a triple loop at
 * dimensions across the lanes, the tile and the row group, and reports its lanes.
 */
class VectorGramFourLanesTest {
  @Test
  void theFourLaneKernelEqualsTheTripleLoop() throws IOException, InterruptedException {
    String arch = System.getProperty("os.arch");
    assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 flag");
    assumeTrue(VectorGram.LANES > 4, "this JVM already runs the four-lane kernel (GramAccumulatorTest)");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
        command.add(a);
      }
    }
    command.add("-XX:UseAVX=2");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Check.class.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), output);
    assertEquals("lanes 4 ok", output.lines().filter(l -> l.startsWith("lanes")).findFirst().orElse(output));
  }

  /** The child: exit 1 at the first entry off the triple loop's (or a touched strict-upper one), else "lanes L ok". */
  public static final class Check {
    public static void main(String[] args) {
      for (int dim : new int[] {1, 3, 4, 5, 8, 9, 17, 127, 128, 129, 257}) {
        for (int rows : new int[] {1, 7, 256}) {
          SplittableRandom random = new SplittableRandom(dim * 31L + rows);
          double[] a = new double[dim * rows];
          for (int k = 0; k < a.length; k++) {
            a[k] = random.nextDouble() < 0.3 ? 0.0 : random.nextDouble(-2, 2);
          }
          double[] c = new double[dim * dim];
          for (int i = 0; i < dim; i++) {
            for (int j = i + 1; j < dim; j++) {
              c[i * dim + j] = 7.0;
            }
          }
          VectorGram.update(dim, rows, -1.5, a, c, new double[VectorGram.packedLength(dim, rows)]);
          for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
              double expected = 7.0;
              if (j <= i) {
                expected = 0.0;
                for (int r = 0; r < rows; r++) {
                  expected += a[r * dim + i] * a[r * dim + j];
                }
                expected *= -1.5;
              }
              if (Math.abs(expected - c[i * dim + j]) > 1e-12 * (1 + Math.abs(expected)) * rows) {
                System.out.println("dim " + dim + " rows " + rows + " at (" + i + ", " + j + "): " + c[i * dim + j]
                    + " expected " + expected);
                System.exit(1);
              }
            }
          }
        }
      }
      System.out.println("lanes " + VectorGram.LANES + " ok");
    }
  }
}
