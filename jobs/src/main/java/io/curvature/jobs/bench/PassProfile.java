package io.curvature.jobs.bench;

import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.GlmObjective;
import io.curvature.driver.spark.JvmLocalVector;
import io.curvature.driver.spark.OrderedTreeAggregate;
import io.curvature.driver.spark.SparkBlockSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import io.curvature.workers.Block;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * What one pass over the cached data costs, by kind, on the running Spark: the fixed cost of a Spark job, of a job
 * that also broadcasts and aggregates a d-vector, of a pass in resident tasks where a fit uses them (a local
 * master), and of each kernel pass as fits run it. Each figure is the median of several runs after a warm-up.
 */
public final class PassProfile {
  private PassProfile() {}

  /** One kind of pass and its median wall time. */
  public record PassCost(String pass, double seconds) {}

  private interface Pass {
    void run() throws Exception;
  }

  public static List<PassCost> measure(SparkBlockSums sums, GlmObjective f, int repeats) throws Exception {
    int dim = f.dimension();
    double[] w = new double[dim];
    Arrays.fill(w, 1e-3);
    double[] v = new double[dim];
    Arrays.fill(v, 1.0);
    boolean resident = sums.resident();
    List<PassCost> costs = new ArrayList<>();
    sums.resident(false);                            // the job rows: no resident tasks holding the slots
    try {
      for (int i = 0; i < 40; i++) {                 // Spark's scheduler needs dozens of jobs before it is warm
        sums.emptyPass(dim);
      }
      costs.add(new PassCost("Spark job touching every partition, nothing sent (scheduling)", median(repeats,
          () -> sums.blocks().mapPartitions(it -> Collections.singletonList(it.hasNext()).iterator()).collect())));
      costs.add(new PassCost("empty pass: broadcast a d-vector, aggregate a d-vector (fixed cost of a pass)",
          median(repeats, () -> sums.emptyPass(dim))));
      costs.addAll(mechanisms(sums, dim, repeats));
    } finally {
      sums.resident(resident);
    }
    if (resident) {
      costs.add(new PassCost("empty pass in resident tasks (local master: the pass handed to the fit's tasks, a "
          + "d-vector back in place)", median(repeats, () -> sums.emptyPass(dim))));
    }
    costs.add(new PassCost("value+gradient", median(repeats, () -> f.evaluate(w, Extra.NONE))));
    costs.add(new PassCost("value+gradient+diagonal", median(repeats, () -> f.evaluate(w, Extra.DIAGONAL))));
    Evaluation at = f.evaluate(w);
    double[] out = new double[dim];
    costs.add(new PassCost("Hessian-vector product", median(repeats, () -> at.hessianVector(v, out))));
    if (dim <= 4096) {
      costs.add(new PassCost("value+gradient+sample Hessian (every " + f.sampleStride() + "th row)",
          median(repeats, () -> f.evaluate(w, Extra.SAMPLE_HESSIAN))));
      costs.add(new PassCost("value+gradient+explicit Hessian", median(Math.min(repeats, 3),
          () -> f.evaluate(w, Extra.HESSIAN))));
    }
    return costs;
  }

  /**
   * What each part of the fixed cost costs alone: a job touching every partition with a d-vector captured in its
   * closure (serialized into every task), with a broadcast d-vector (made, read by every task, destroyed), on a local
   * master with a d-vector shared in the driver's JVM (what passes use there for large vectors), returning a dense
   * d-vector from every partition (and on a local master handing it over in place, as passes do there); and a
   * broadcast made and destroyed with no job. Compared with the bare job (the scheduling row) they say which
   * mechanism a pass should use for what it sends and brings back.
   */
  static List<PassCost> mechanisms(SparkBlockSums sums, int dim, int repeats) throws Exception {
    JavaRDD<Block> blocks = sums.blocks();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
    double[] vector = new double[dim];
    List<PassCost> costs = new ArrayList<>();
    costs.add(new PassCost("job + a d-vector in the closure (sent with every task)", median(repeats,
        () -> blocks.mapPartitions(it -> Collections.singletonList(vector[dim - 1] + (it.hasNext() ? 1 : 0))
            .iterator()).collect())));
    costs.add(new PassCost("job + a broadcast d-vector read by every task (made and destroyed)", median(repeats,
        () -> {
          Broadcast<double[]> b = sc.broadcast(vector);
          try {
            blocks.mapPartitions(it -> Collections.singletonList(b.value()[dim - 1] + (it.hasNext() ? 1 : 0))
                .iterator()).collect();
          } finally {
            b.destroy();
          }
        })));
    if (sums.inPlace()) {
      costs.add(new PassCost("job + a d-vector shared in the driver's JVM, read by every task (local master)",
          median(repeats, () -> {
            JvmLocalVector shared = JvmLocalVector.share(vector);
            try {
              blocks.mapPartitions(it -> Collections.singletonList(shared.value()[dim - 1] + (it.hasNext() ? 1 : 0))
                  .iterator()).collect();
            } finally {
              shared.release();
            }
          })));
    }
    costs.add(new PassCost("job + a dense d-vector result from every partition", median(repeats,
        () -> blocks.mapPartitions(it -> Collections.singletonList(new double[dim]).iterator()).collect())));
    if (sums.inPlace()) {
      costs.add(new PassCost("job + a dense d-vector from every partition, handed over in place (local master)",
          median(repeats, () -> OrderedTreeAggregate.aggregate(blocks,
              (index, it) -> Collections.singletonList(new double[dim]).iterator(), (a, b) -> a, (i, p) -> p, null, 1,
              true))));
    }
    costs.add(new PassCost("broadcast of a d-vector made and destroyed, no job", median(repeats,
        () -> sc.broadcast(vector).destroy())));
    return costs;
  }

  private static double median(int repeats, Pass pass) throws Exception {
    pass.run();                                      // warm-up: JIT, broadcast machinery, caches
    double[] t = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      pass.run();
      t[r] = (System.nanoTime() - start) * 1e-9;
    }
    Arrays.sort(t);
    return t[repeats / 2];
  }
}
