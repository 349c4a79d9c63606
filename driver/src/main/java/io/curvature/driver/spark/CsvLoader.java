package io.curvature.driver.spark;

import io.curvature.workers.LabelDomain;
import io.curvature.workers.io.CsvParser;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Numeric CSV with a header line, from a file or a folder of part files (gzip or bzip2 compressed as Hadoop reads
 * them): the label, an optional weight and the feature columns are chosen by name (every other column by default).
 * Each file's header is read on the driver; the rows are parsed from bytes on the executors as LIBSVM lines are, and a
 * bad one fails the load with {@code file:line: what is wrong}.
 */
public final class CsvLoader {
  private CsvLoader() {}

  public static LoadedData load(JavaSparkContext sc, String path, int partitions, LibsvmLoader.Layout layout,
      LibsvmLoader.Precision precision, String labelCol, String weightCol, List<String> featureCols,
      LabelDomain labels, org.apache.spark.storage.StorageLevel storage) throws IOException {
    Configuration conf = sc.hadoopConfiguration();
    Map<String, List<String>> headers = headers(path, conf);
    int width = -1;
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      int w = new CsvParser(h.getValue(), labelCol, weightCol, featureCols, labels).width();   // checks columns
      if (width >= 0 && w != width) {
        throw new IOException(h.getKey() + ": its header has " + w + " feature columns, another file's " + width);
      }
      width = w;
    }
    int features = width;
    return LibsvmLoader.loadText(sc, path, partitions, features, layout, precision, true,
        file -> new CsvParser(headers.get(new Path(file).toUri().getPath()), labelCol, weightCol, featureCols,
            labels), storage);
  }

  /** The header line of every data file under {@code path}, keyed by the file's path. */
  static Map<String, List<String>> headers(String path, Configuration conf) throws IOException {
    Path input = new Path(path);
    FileSystem fs = input.getFileSystem(conf);
    if (!fs.exists(input)) {
      throw new FileNotFoundException(path + ": no such file or folder");
    }
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    Map<String, List<String>> out = new HashMap<>();
    for (FileStatus f : fs.getFileStatus(input).isDirectory() ? fs.listStatus(input) : new FileStatus[] {
        fs.getFileStatus(input)}) {
      String name = f.getPath().getName();
      if (f.isDirectory() || name.startsWith("_") || name.startsWith(".")) {
        continue;                                  // Hadoop markers and hidden files are not data
      }
      CompressionCodec codec = codecs.getCodec(f.getPath());
      try (InputStream raw = fs.open(f.getPath());
           InputStream in = codec == null ? raw : codec.createInputStream(raw);
           BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line = reader.readLine();
        if (line == null || line.isBlank()) {
          throw new IOException(f.getPath() + ":1: the CSV header (column names) is missing");
        }
        out.put(f.getPath().toUri().getPath(), CsvParser.header(line));
      }
    }
    if (out.isEmpty()) {
      throw new IOException(path + ": no data files");
    }
    return out;
  }
}
