package io.curvature.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two fits over the same cached block at once (a CrossValidator with parallelism 2): each alternates gradient passes
 * at new points with Hessian products at older ones, as TRON does. Every result must be the bits the same sequence
 * gives alone. Before the cache pinned the states it handed out, a gradient pass of one fit could overwrite the
 * slot the other was reading.
 */
class ConcurrentPassesTest {
  private static final RowLoss LOSS = LogisticLoss.INSTANCE;

  private static List<double[]> fit(Block block, int owner, long seed, int steps) {
    int dim = block.numFeatures();
    List<double[]> results = new ArrayList<>();
    double[] previous = null;
    long previousKey = 0;
    for (int n = 1; n <= steps; n++) {
      double[] w = RandomProblems.gaussian(seed + n, dim, 0.5);
      long key = BlockKernelsTest.key(owner, n);
      LossPartial p = new LossPartial(dim);
      BlockKernels.valueGradient(block, LOSS, w, false, key, p);
      results.add(p.gradient().clone());
      double[] v = RandomProblems.gaussian(seed * 31 + n, dim, 1.0);
      for (int cg = 0; cg < 3; cg++) {
        double[] hv = new double[dim];
        // alternate products at the new point and at the previous one (a rejected step's fallback)
        if (cg == 1 && previous != null) {
          BlockKernels.hessianVector(block, LOSS, previous, false, previousKey, v, hv);
        } else {
          BlockKernels.hessianVector(block, LOSS, w, false, key, v, hv);
        }
        results.add(hv);
      }
      previous = w;
      previousKey = key;
    }
    return results;
  }

  @Test
  void concurrentPassesGiveTheBitsOfSequentialOnes() throws Exception {
    RandomProblems.Matrix m = RandomProblems.matrix(8, 3000, 60, 0.3, 1.0, true, false);
    int steps = 60;
    List<double[]> aloneA = fit(m.csr(), 1, 100, steps);
    List<double[]> aloneB = fit(m.csr(), 2, 200, steps);
    Block shared = m.csr();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        int ownerA = 10 + 2 * round;
        List<Callable<List<double[]>>> tasks = List.of(() -> fit(shared, ownerA, 100, steps),
            () -> fit(shared, ownerA + 1, 200, steps));
        List<Future<List<double[]>>> futures = pool.invokeAll(tasks);
        List<double[]> a = futures.get(0).get();
        List<double[]> b = futures.get(1).get();
        for (int t = 0; t < a.size(); t++) {
          assertArrayEquals(aloneA.get(t), a.get(t), 0.0, "fit A, result " + t + ", round " + round);
          assertArrayEquals(aloneB.get(t), b.get(t), 0.0, "fit B, result " + t + ", round " + round);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
