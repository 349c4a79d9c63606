/**
 * The Spark layer: an RDD of cached {@link io.curvature.workers.Block}s becomes
 * {@link io.curvature.driver.objective.BlockSums} (broadcast the point, run the block kernels in each partition,
 * combine the partials in partition order). Nothing outside this package touches Spark's optimizer-facing API.
 */
package io.curvature.driver.spark;
