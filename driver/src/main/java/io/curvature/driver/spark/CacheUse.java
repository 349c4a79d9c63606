package io.curvature.driver.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.RDDInfo;

/**
 * Where Spark holds a cached RDD now, as its block managers report it: how many bytes sit in executor memory and how
 * many were spilled to local disk (MEMORY_AND_DISK when the storage memory is too small), and how many partitions are
 * cached at all (fewer than all after an executor was lost: Spark recomputes the rest from the source on demand).
 *
 * @param level             the storage level asked for
 * @param memoryBytes       bytes in executor memory
 * @param diskBytes         bytes on executors' local disks
 * @param cachedPartitions  partitions with a cached copy
 * @param partitions        partitions of the RDD
 */
public record CacheUse(String level, long memoryBytes, long diskBytes, int cachedPartitions, int partitions) {

  public static CacheUse of(JavaRDD<?> rdd) {
    int id = rdd.id();
    for (RDDInfo info : rdd.context().getRDDStorageInfo()) {
      if (info.id() == id) {
        return new CacheUse(info.storageLevel().description(), info.memSize(), info.diskSize(),
            info.numCachedPartitions(), info.numPartitions());
      }
    }
    return new CacheUse(rdd.getStorageLevel().description(), 0, 0, 0, rdd.getNumPartitions());
  }
}
