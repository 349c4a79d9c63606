package io.curvature.driver.spark;

import io.curvature.workers.Block;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.LabelDomain;
import io.curvature.workers.io.LibsvmFormatException;
import io.curvature.workers.io.LineParser;
import io.curvature.workers.io.LibsvmParser;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads LIBSVM text from any Hadoop file system path (a file or a folder of part files) into cached blocks: each
 * input split is parsed from raw bytes on the executor that reads it and packed into CSR blocks (or dense blocks,
 * when the data is dense enough that 8 bytes a value beat 12 bytes a nonzero).
 *
 * <p>A bad line fails the load with {@code file:line: what is wrong}. Executors only know the byte offset of the
 * line; the line number is counted on the driver, on that error path only.
 */
public final class LibsvmLoader {
  /** Rows per block at most, so that one block's arrays stay far below 2^31 entries. */
  static final int MAX_BLOCK_ROWS = 1 << 18;
  /** Above this fraction of nonzeros a dense block is smaller than CSR (8 / density < 12 bytes a nonzero). */
  static final double DENSE_THRESHOLD = 2.0 / 3.0;

  /** How rows are packed. */
  public enum Layout { AUTO, SPARSE, DENSE }

  /** Width of the cached sparse values (dense blocks are always float64). */
  public enum Precision { FLOAT64, FLOAT32 }

  private LibsvmLoader() {}

  /**
   * Loads and caches {@code path}. {@code partitions} 0 lets the input splits decide; {@code numFeatures} 0 takes
   * the largest index seen.
   */
  public static LoadedData load(JavaSparkContext sc, String path, int partitions, int numFeatures, Layout layout)
      throws IOException {
    return load(sc, path, partitions, numFeatures, layout, Precision.FLOAT64);
  }

  /** As {@link #load(JavaSparkContext, String, int, int, Layout)}, caching sparse values in {@code precision}. */
  public static LoadedData load(JavaSparkContext sc, String path, int partitions, int numFeatures, Layout layout,
      Precision precision) throws IOException {
    return load(sc, path, partitions, numFeatures, layout, precision, LabelDomain.BINARY);
  }

  /**
   * Loads and caches {@code path} with labels of {@code labels}' domain (a label outside it fails the load with its
   * file and line). {@code numFeatures} > 0 fixes the dimension, whatever the largest index and the layout.
   */
  public static LoadedData load(JavaSparkContext sc, String path, int partitions, int numFeatures, Layout layout,
      Precision precision, LabelDomain labels) throws IOException {
    return load(sc, path, partitions, numFeatures, layout, precision, labels, StorageLevel.MEMORY_ONLY());
  }

  /** As above, cached at {@code storage}. */
  public static LoadedData load(JavaSparkContext sc, String path, int partitions, int numFeatures, Layout layout,
      Precision precision, LabelDomain labels, StorageLevel storage) throws IOException {
    int maxFeatures = numFeatures;
    return loadText(sc, path, partitions, numFeatures, layout, precision, false,
        file -> new LibsvmParser(maxFeatures, labels), storage);
  }

  /** Makes the line parser for one file (a CSV file's parser knows its header). */
  public interface ParserFactory extends java.io.Serializable {
    LineParser forFile(String file);
  }

  /**
   * Loads and caches a text format from {@code path}: every line of every file goes through the parser made for its
   * file; with {@code header} the first line of each file is skipped. A bad line fails the load with
   * {@code file:line: what is wrong}. Compressed files (gzip, bzip2, ...) are read as Hadoop reads them.
   */
  public static LoadedData loadText(JavaSparkContext sc, String path, int partitions, int numFeatures, Layout layout,
      Precision precision, boolean header, ParserFactory parsers) throws IOException {
    return loadText(sc, path, partitions, numFeatures, layout, precision, header, parsers, StorageLevel.MEMORY_ONLY());
  }

  /**
   * As above, cached at {@code storage}: MEMORY_AND_DISK keeps data larger than the executors' storage memory on
   * their disks (each pass then reads the spilled part back; curvature weights are rebuilt from the margins there).
   */
  public static LoadedData loadText(JavaSparkContext sc, String path, int partitions, int numFeatures, Layout layout,
      Precision precision, boolean header, ParserFactory parsers, StorageLevel storage) throws IOException {
    long start = System.nanoTime();
    Configuration conf = new Configuration(sc.hadoopConfiguration());
    Path input = new Path(path);
    FileSystem fs = input.getFileSystem(conf);
    if (!fs.exists(input)) {
      throw new FileNotFoundException(path + ": no such file or folder");
    }
    ContentSummary size = fs.getContentSummary(input);
    if (size.getLength() == 0) {
      throw new IOException(path + ": is empty");
    }
    int wanted = partitions > 0 ? partitions : Math.max(sc.defaultParallelism(), 1);
    // Splits of about size/wanted bytes give about `wanted` partitions without a shuffle.
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, Math.max(1L << 20, (size.getLength() + wanted - 1) / wanted));
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> text = (JavaNewHadoopRDD<LongWritable, Text>)
        sc.newAPIHadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, conf);
    boolean float32 = precision == Precision.FLOAT32 && layout != Layout.DENSE;
    JavaRDD<Block> blocks = text.mapPartitionsWithInputSplit((split, lines) -> {
      FileSplit fileSplit = (FileSplit) split;
      String file = fileSplit.getPath().toString();
      return parseSplit(file, fileSplit.getStart() == 0, lines, float32, header, parsers.forFile(file)).iterator();
    }, true);
    // One partition per core by default: every pass is one task per partition, so more partitions than cores only
    // add scheduling and aggregation cost to each pass over cached data.
    if (blocks.getNumPartitions() > wanted) {
      blocks = blocks.coalesce(wanted);             // several blocks per partition, no shuffle
    } else if (blocks.getNumPartitions() < wanted && partitions > 0) {
      blocks = blocks.repartition(wanted);
    }
    SparkBlockSums sums;
    try {
      sums = cache(blocks.persist(storage), numFeatures, layout, storage);   // caches and counts: the parse runs here
    } catch (RuntimeException e) {
      throw locate(e, conf);
    }
    return new LoadedData(path, sums, (System.nanoTime() - start) * 1e-9);
  }

  /**
   * Caches packed CSR blocks and counts them; repacks them as dense blocks ({@code numFeatures} wide, or as wide as the
   * data) when {@code layout} says so, or for AUTO when more than {@link #DENSE_THRESHOLD} of the values are nonzero.
   * Every data source ends here.
   */
  static SparkBlockSums cache(JavaRDD<Block> blocks, int numFeatures, Layout layout) {
    return cache(blocks, numFeatures, layout, StorageLevel.MEMORY_ONLY());
  }

  static SparkBlockSums cache(JavaRDD<Block> blocks, int numFeatures, Layout layout, StorageLevel storage) {
    SparkBlockSums sums = new SparkBlockSums(blocks, true, numFeatures);
    double density = (double) sums.summary().nonzeros() / sums.summary().rows() / sums.summary().numFeatures();
    if (layout == Layout.DENSE || (layout == Layout.AUTO && density > DENSE_THRESHOLD)) {
      int width = sums.summary().numFeatures();
      JavaRDD<Block> dense = sums.blocks().map(b -> (Block) ((CsrBlock) b).toDense(width)).persist(storage);
      SparkBlockSums denseSums = new SparkBlockSums(dense, true, width);
      sums.close();
      sums.blocks().unpersist(false);
      return denseSums;
    }
    return sums;
  }

  /**
   * Parses one input split. A split that starts the file (every compressed file is one) counts its lines, so an error
   * names its line directly: the keys of compressed input are offsets in the compressed bytes, useless for counting.
   * Other splits give the byte offset, turned into a line number on the driver.
   */
  private static List<Block> parseSplit(String file, boolean fromStart,
      java.util.Iterator<scala.Tuple2<LongWritable, Text>> lines, boolean float32, boolean header,
      LineParser parser) {
    List<Block> blocks = new ArrayList<>();
    CsrBlock.Builder builder = new CsrBlock.Builder();
    long lineNumber = 0;
    while (lines.hasNext()) {
      scala.Tuple2<LongWritable, Text> line = lines.next();
      lineNumber++;
      if (header && fromStart && lineNumber == 1) {
        continue;                                   // the file's header
      }
      Text t = line._2();
      try {
        parser.parse(t.getBytes(), 0, t.getLength(), builder);
      } catch (LibsvmFormatException e) {
        throw fromStart ? new LibsvmFormatException(file, line._1().get(), lineNumber, e.problem())
            : e.at(file, line._1().get());
      }
      if (builder.rows() == MAX_BLOCK_ROWS) {
        blocks.add(pack(builder, float32));
        builder = new CsrBlock.Builder();
      }
    }
    if (builder.rows() > 0) {
      blocks.add(pack(builder, float32));
    }
    return blocks;
  }

  private static CsrBlock pack(CsrBlock.Builder builder, boolean float32) {
    CsrBlock block = builder.build(0);
    return float32 ? block.toFloat32() : block;
  }

  /** Finds a format error in a failed job and names its line; anything else passes through. */
  private static RuntimeException locate(RuntimeException failure, Configuration conf) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof LibsvmFormatException e && e.file() != null) {
        return e.lineNumber() > 0 ? e : e.withLineNumber(lineNumber(e.file(), e.lineOffset(), conf));
      }
    }
    return failure;
  }

  /** 1-based number of the line that starts at byte {@code offset}: newlines before it, plus one. */
  static long lineNumber(String file, long offset, Configuration conf) {
    Path path = new Path(file);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      byte[] buffer = new byte[1 << 16];
      long read = 0;
      long newlines = 0;
      while (read < offset) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            newlines++;
          }
        }
        read += n;
      }
      return newlines + 1;
    } catch (IOException e) {
      return -1;                                     // keep the byte offset in the message
    }
  }
}
