package io.curvature.driver.spark;

import io.curvature.workers.Block;
import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;

/**
 * Test hooks that make a pass's tasks fail as they fail on a real cluster, set by spark.curvature.test.failFirstAttempt:
 * "true" fails partition 0's first attempt of every pass, as a task on a flaky node would (Spark retries it, and the
 * pass must give the same bits); "executor" (on a cluster) ends the JVM of the executor running partition 0's first
 * attempt in the fourth pass, as on a node that is lost (Spark reschedules the task and rebuilds the lost cached
 * blocks). Any other value leaves the task as it is.
 */
final class TaskFailureHooks {
  private TaskFailureHooks() {}

  static <T> Function2<Integer, Iterator<Block>, Iterator<T>> wrap(String hook, int pass,
      Function2<Integer, Iterator<Block>, Iterator<T>> task) {
    if (hook.equals("true")) {
      return (index, it) -> {
        TaskContext tc = TaskContext.get();
        if (index == 0 && tc != null && tc.attemptNumber() == 0) {
          throw new IllegalStateException("test hook spark.curvature.test.failFirstAttempt: first attempt fails");
        }
        return task.call(index, it);
      };
    }
    if (hook.equals("executor") && pass == 4) {
      return (index, it) -> {
        TaskContext tc = TaskContext.get();
        if (index == 0 && tc != null && tc.attemptNumber() == 0 && !"driver".equals(SparkEnv.get().executorId())) {
          Runtime.getRuntime().halt(137);
        }
        return task.call(index, it);
      };
    }
    return task;
  }
}
