package io.curvature.driver.spark;

import org.apache.spark.broadcast.Broadcast;

/**
 * A vector the tasks of a pass read, as {@link SparkBlockSums} sends it: in the closure, shared in place with tasks in
 * the driver's JVM, or broadcast. {@link #destroy} frees what it holds for the tasks.
 */
interface Shipped extends java.io.Serializable {
  double[] value();

  default void destroy() {}

  /** Carried by the closure itself. */
  record InClosure(double[] value) implements Shipped {}

  /** Read in place by tasks that run in this JVM (a local master's). */
  record InThisJvm(JvmLocalVector shared) implements Shipped {
    @Override
    public double[] value() {
      return shared.value();
    }

    @Override
    public void destroy() {
      shared.release();
    }
  }

  /** Read from a broadcast. */
  record ViaBroadcast(Broadcast<double[]> broadcast) implements Shipped {
    @Override
    public double[] value() {
      return broadcast.value();
    }

    @Override
    public void destroy() {
      broadcast.destroy();
    }
  }
}
