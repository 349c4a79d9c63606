package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.testing.TestSpark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The merge order is the partition order, whatever order the tasks finish in: floating-point addition is not
 * associative, so the partials below give a different sum for almost any other order.
 */
class OrderedTreeAggregateTest {
  /** Partition i's partial: 1 is lost in 1 + 1e16 (left to right) but kept when the huge two cancel first. */
  private static double partial(int index) {
    return switch (index) {
      case 0 -> 1.0;
      case 1 -> 1e16;
      case 2 -> -1e16;
      default -> Math.scalb(1.0, -index);
    };
  }

  private static double leftFold(int partitions) {
    double total = partial(0);
    for (int i = 1; i < partitions; i++) {
      total += partial(i);
    }
    return total;
  }

  /** The order the tasks of the last aggregation finished in (the test master's tasks run in this JVM). */
  private static final List<Integer> FINISHED = Collections.synchronizedList(new ArrayList<>());
  private static final Map<Integer, CountDownLatch> DONE = new ConcurrentHashMap<>();

  /** The data, one row a partition, and a latch a partition for {@link #ODD_FIRST}. */
  private static JavaRDD<Integer> data(int partitions) {
    FINISHED.clear();
    DONE.clear();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      rows.add(i);
      DONE.put(i, new CountDownLatch(1));
    }
    return TestSpark.context().parallelize(rows, partitions);
  }

  /**
   * Each task emits its partition's partial, and an even partition only after the odd one that follows it: tasks
   * finish out of partition order by construction, not by timing. (With two slots this cannot deadlock: an even task
   * waits for the next partition, which Spark schedules next.)
   */
  private static final Function2<Integer, java.util.Iterator<Integer>, java.util.Iterator<Double>> ODD_FIRST =
      (index, rows) -> {
        CountDownLatch next = index % 2 == 0 ? DONE.get(index + 1) : null;
        if (next != null && !next.await(2, TimeUnit.MINUTES)) {
          throw new IllegalStateException("partition " + (index + 1) + " never finished");
        }
        FINISHED.add(index);
        DONE.get(index).countDown();
        return Collections.singletonList(partial(index)).iterator();
      };

  /** The tasks did finish out of partition order: partition 1 before partition 0. */
  private static void assertFinishedOutOfOrder(int partitions) {
    if (partitions > 1) {
      assertTrue(FINISHED.indexOf(1) < FINISHED.indexOf(0), "finished in the order " + FINISHED);
    }
  }

  /** Partials handed over in place (a local master's default) or as bytes (a cluster's): the same order. */
  @ParameterizedTest(name = "in place: {0}")
  @ValueSource(booleans = {true, false})
  void oneLevelMergesInPartitionOrder(boolean inPlace) throws Exception {
    int openBefore = JvmLocalPartials.openPasses();
    for (int partitions : new int[] {1, 2, 7}) {
      double sum = OrderedTreeAggregate.aggregate(data(partitions), ODD_FIRST, Double::sum, (i, p) -> p, null, 1,
          inPlace);
      assertFinishedOutOfOrder(partitions);
      assertEquals(leftFold(partitions), sum, 0.0, partitions + " partitions");
    }
    assertEquals(openBefore, JvmLocalPartials.openPasses(), "every pass closed after its job");
  }

  @Test
  void aPassThatFailsIsClosedAndAPassNotOpenHereGetsNoSlot() {
    int openBefore = JvmLocalPartials.openPasses();
    assertThrows(Exception.class, () -> OrderedTreeAggregate.aggregate(data(3),
        (Function2<Integer, java.util.Iterator<Integer>, java.util.Iterator<Double>>) (index, rows) -> {
          throw new IllegalArgumentException("a task that fails");
        }, Double::sum, (i, p) -> p, null, 1, true));
    assertEquals(openBefore, JvmLocalPartials.openPasses());
    // A task whose pass is not open in its JVM (it runs on another executor) is told so, and sends bytes instead.
    assertFalse(JvmLocalPartials.put(Long.MAX_VALUE, 0, 1.0));
  }

  @Test
  void theOrderMattersForTheseSums() {
    double reversed = partial(6);
    for (int i = 5; i >= 0; i--) {
      reversed += partial(i);
    }
    assertTrue(reversed != leftFold(7), "the test's partials must not sum the same in reverse order");
  }

  @Test
  void expandIntoSeesEachPartitionWithItsIndex() throws Exception {
    List<Integer> seen = new ArrayList<>();
    double sum = OrderedTreeAggregate.aggregate(data(5), ODD_FIRST, Double::sum, (i, p) -> {
      seen.add(i);
      return p;
    }, (total, i, p) -> {
      seen.add(i);
      return total + p;
    }, 1);
    assertFinishedOutOfOrder(5);
    assertEquals(leftFold(5), sum, 0.0);
    assertEquals(List.of(0, 1, 2, 3, 4), seen);
  }

  @Test
  void deeperTreesAreRepeatable() throws Exception {
    double first = OrderedTreeAggregate.aggregate(data(40), ODD_FIRST, Double::sum, (i, p) -> p, 2);
    double second = OrderedTreeAggregate.aggregate(data(40), ODD_FIRST, Double::sum, (i, p) -> p, 2);
    assertEquals(first, second, 0.0);
  }

  @Test
  void aPartitionMustEmitExactlyOnePartial() {
    Exception none = assertThrows(Exception.class, () -> OrderedTreeAggregate.aggregate(data(3),
        (Function2<Integer, java.util.Iterator<Integer>, java.util.Iterator<Double>>) (index, rows) ->
            Collections.<Double>emptyIterator(), Double::sum, (i, p) -> p, 1));
    assertTrue(rootMessage(none).contains("produced no partial"), rootMessage(none));
    Exception two = assertThrows(Exception.class, () -> OrderedTreeAggregate.aggregate(data(3),
        (Function2<Integer, java.util.Iterator<Integer>, java.util.Iterator<Double>>) (index, rows) ->
            List.of(1.0, 2.0).iterator(), Double::sum, (i, p) -> p, 1));
    assertTrue(rootMessage(two).contains("more than one partial"), rootMessage(two));
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
