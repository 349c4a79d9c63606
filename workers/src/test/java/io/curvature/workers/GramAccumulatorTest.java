package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM's Gram updates (the Vector API kernel, the dgemm panels, the sample Gram's row loops) against a plain triple
 * loop and against dsyrk: the same lower triangle (to rounding), the strict upper triangle untouched, at dimensions
 * below, at and across a vector's lanes, the panel width, the Vector API kernel's group of 128 rows and the loops'
 * block of 32, row counts below and across their groups of eight.
 */
class GramAccumulatorTest {
  private static final double UNTOUCHED = 12345.0;

  @ParameterizedTest
  @CsvSource({"1,1,1", "5,7,1", "127,256,-1", "128,3,1", "129,256,1", "300,100,-1", "785,256,1", "40,13,1", "33,8,-1",
      "8,256,1", "9,2,-1", "17,9,1", "24,31,1", "255,64,1", "256,256,-1", "257,1,1"})
  void panelUpdateEqualsTheTripleLoopAndDsyrk(int dim, int rows, double alpha) {
    SplittableRandom random = new SplittableRandom(dim * 31L + rows);
    double[] chunk = new double[dim * rows];
    for (int k = 0; k < chunk.length; k++) {
      chunk[k] = random.nextDouble() < 0.3 ? 0.0 : random.nextDouble(-2, 2);
    }
    double[] start = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        start[i * dim + j] = j <= i ? random.nextDouble(-1, 1) : UNTOUCHED;
      }
    }
    double[] expected = start.clone();
    for (int i = 0; i < dim; i++) {                    // row-major lower: (i, j), j <= i, = sum_r a_ri a_rj
      for (int j = 0; j <= i; j++) {
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
          sum += chunk[r * dim + i] * chunk[r * dim + j];
        }
        expected[i * dim + j] += alpha * sum;
      }
    }
    BLAS blas = JavaBLAS.getInstance();
    double[] panels = start.clone();
    GramAccumulator.rankUpdate(blas, true, dim, rows, alpha, chunk, panels,
        new double[GramAccumulator.PANEL * GramAccumulator.PANEL]);
    double[] syrk = start.clone();
    GramAccumulator.rankUpdate(blas, false, dim, rows, alpha, chunk, syrk, null);
    double[] loops = start.clone();
    GramAccumulator.rowLoops(dim, rows, alpha, chunk, loops);
    double[] chosen = start.clone();
    GramAccumulator.update(false, dim, rows, alpha, chunk, chosen, new double[GramAccumulator.scratchLength(dim)]);
    double[] vector = start.clone();
    if (GramAccumulator.VECTOR_KERNEL) {
      VectorGram.update(dim, rows, alpha, chunk, vector, new double[VectorGram.packedLength(dim, rows)]);
    } else {
      vector = expected;
    }
    for (int k = 0; k < expected.length; k++) {
      double tol = 1e-12 * (1 + Math.abs(expected[k])) * rows;
      assertEquals(expected[k], panels[k], tol, "panels at " + k);
      assertEquals(expected[k], syrk[k], tol, "dsyrk at " + k);
      assertEquals(expected[k], loops[k], tol, "row loops at " + k);
      assertEquals(expected[k], chosen[k], tol, Blas.name() + " at " + k);
      assertEquals(expected[k], vector[k], tol, "Vector API kernel at " + k);
    }
  }

  /** Every Curvature JVM (Surefire's included) has the Vector API module: with 4 lanes or more the kernel runs. */
  @Test
  void theVectorKernelRunsWhereTheModuleIs() {
    assertTrue(GramAccumulator.VECTOR_KERNEL || VectorGram.LANES < 4, "lanes " + VectorGram.LANES);
  }
}
