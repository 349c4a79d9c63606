package io.curvature.driver.ml;

import io.curvature.driver.spark.DataFrameLoader;
import io.curvature.driver.spark.LibsvmLoader;
import io.curvature.driver.spark.LoadedData;
import io.curvature.workers.LabelDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Packed blocks shared by fits over the same data: a CrossValidator or TrainValidationSplit with parallelism fits
 * several param maps on each training split at once, and those fits read one cached copy (their passes run
 * concurrently over it: the workers' curvature state is safe for that). Data is the same when the DataFrames' analyzed
 * plans give the same result (Spark's own test for its cache) and the columns, label domain and precision agree. The
 * copy is dropped when its last fit ends.
 */
final class SharedBlocks {
  private record Key(LogicalPlan plan, DataFrameLoader.Columns columns, LabelDomain labels,
      LibsvmLoader.Precision precision) {
    boolean matches(Key other) {
      return columns.equals(other.columns) && labels == other.labels && precision == other.precision
          && plan.sameResult(other.plan);
    }
  }

  private static final class Entry {
    final Key key;
    final CompletableFuture<LoadedData> data = new CompletableFuture<>();
    int users;

    Entry(Key key) {
      this.key = key;
    }
  }

  private static final List<Entry> ENTRIES = new ArrayList<>();

  private SharedBlocks() {}

  /** A use of the blocks of {@code data}; close it when the fit ends. */
  static final class Handle implements AutoCloseable {
    private final Entry entry;
    private final LoadedData data;
    private boolean closed;

    private Handle(Entry entry, LoadedData data) {
      this.entry = entry;
      this.data = data;
    }

    LoadedData data() {
      return data;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(entry);
      }
    }
  }

  static Handle acquire(Dataset<?> data, DataFrameLoader.Columns columns, LabelDomain labels,
      LibsvmLoader.Precision precision) {
    Key key = new Key(data.queryExecution().analyzed(), columns, labels, precision);
    Entry entry = null;
    boolean load = false;
    synchronized (ENTRIES) {
      for (Entry e : ENTRIES) {
        if (e.key.matches(key)) {
          entry = e;
          break;
        }
      }
      if (entry == null) {
        entry = new Entry(key);
        ENTRIES.add(entry);
        load = true;
      }
      entry.users++;
    }
    if (load) {
      try {
        entry.data.complete(DataFrameLoader.load(data, columns, labels, 0, precision, LibsvmLoader.Layout.AUTO, 0));
      } catch (RuntimeException | Error e) {
        entry.data.completeExceptionally(e);
        release(entry);
        throw e;
      }
    }
    try {
      return new Handle(entry, entry.data.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(entry);
      throw new IllegalStateException("interrupted while another fit packed the data", e);
    } catch (ExecutionException e) {
      release(entry);
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static void release(Entry entry) {
    boolean last;
    synchronized (ENTRIES) {
      last = --entry.users == 0;
      if (last) {
        ENTRIES.remove(entry);
      }
    }
    if (last && entry.data.isDone() && !entry.data.isCompletedExceptionally()) {
      entry.data.join().close();
    }
  }
}
