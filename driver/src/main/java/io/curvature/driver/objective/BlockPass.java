package io.curvature.driver.objective;

import io.curvature.workers.Block;
import java.io.Serializable;

/**
 * One block's contribution to a pass of a model that is not a GLM (a factorization machine): it runs where the block
 * is (an executor), so it is serializable and should capture only small, immutable things (its model's shape); the
 * point and the vector of the pass arrive as arguments, broadcast once per pass by a Spark backend.
 */
@FunctionalInterface
public interface BlockPass extends Serializable {
  /**
   * Adds this block's contribution at {@code point} (with {@code vector}, null when the pass has none) to
   * {@code partial}, which holds the sum over earlier blocks of the same partition or zeros.
   */
  void add(Block block, double[] point, double[] vector, double[] partial);
}
