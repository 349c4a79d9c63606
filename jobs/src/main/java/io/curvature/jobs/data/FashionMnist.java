package io.curvature.jobs.data;

import io.curvature.driver.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Debian's Fashion-MNIST (package dataset-fashion-mnist, IDX files) as the LIBSVM files the shared bench script
 * fmnist-to-libsvm.py writes: binary, label +1 for odd classes, else -1; multi, the class 0..9; features pixel/255 rounded to 6
 * significant digits (as Python's %.6g), 1-based indices, zeros left out. Same values, so the reference optimum
 * in the bench README applies.
 */
public final class FashionMnist {
  public static final Path INSTALLED = Paths.get("/usr/share/datasets/fashion-mnist");

  private FashionMnist() {}

  public static boolean installed() {
    return Files.isRegularFile(INSTALLED.resolve("train-images-idx3-ubyte.gz"))
        && Files.isRegularFile(INSTALLED.resolve("train-labels-idx1-ubyte.gz"));
  }

  /** Writes the binary training set to {@code target} (atomically). */
  public static void writeBinaryTrain(java.nio.file.Path target) throws IOException {
    write("train", true, target);
  }

  /**
   * Writes {@code fmnist-{train,test}.{binary,multi}.libsvm} into {@code dir}, the four files
   * ../shared/bench/fmnist-to-libsvm.py writes (multi: the class 0..9 as label).
   */
  public static void writeAll(java.nio.file.Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String split : new String[] {"train", "test"}) {
      write(split, true, dir.resolve("fmnist-" + split + ".binary.libsvm"));
      write(split, false, dir.resolve("fmnist-" + split + ".multi.libsvm"));
    }
  }

  private static void write(String split, boolean binary, java.nio.file.Path target) throws IOException {
    String prefix = split.equals("train") ? "train" : "t10k";
    byte[] images = readIdx(INSTALLED.resolve(prefix + "-images-idx3-ubyte.gz"), 2051);
    byte[] labels = readIdx(INSTALLED.resolve(prefix + "-labels-idx1-ubyte.gz"), 2049);
    int pixels = 28 * 28;
    int n = labels.length;
    if ((long) n * pixels != images.length) {
      throw new IOException("Fashion-MNIST images and labels disagree: " + images.length + " pixels for " + n
          + " labels");
    }
    String[] text = new String[256];
    for (int v = 1; v < 256; v++) {
      // Python's %.6g: the exact binary value rounded half-even to 6 significant digits, trailing zeros dropped.
      text[v] = new BigDecimal(v / 255.0).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros()
          .toPlainString();
    }
    AtomicFiles.replace(new org.apache.hadoop.fs.Path(target.toUri()), new Configuration(), (fs, tmp) -> {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(tmp, false), StandardCharsets.US_ASCII),
          1 << 20)) {
        StringBuilder line = new StringBuilder(8192);
        for (int i = 0; i < n; i++) {
          line.setLength(0);
          line.append(binary ? ((labels[i] & 1) == 1 ? "+1" : "-1") : Integer.toString(labels[i] & 0xFF));
          for (int j = 0; j < pixels; j++) {
            int v = images[i * pixels + j] & 0xFF;
            if (v != 0) {
              line.append(' ').append(j + 1).append(':').append(text[v]);
            }
          }
          line.append('\n');
          w.append(line);
        }
      }
    });
  }

  /** The payload of a gzipped IDX file after its header, checking the magic number. */
  private static byte[] readIdx(java.nio.file.Path file, int magic) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
         DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int found = in.readInt();
      if (found != magic) {
        throw new IOException(file + ": IDX magic number " + found + ", expected " + magic);
      }
      int count = in.readInt();
      long size = count;
      if (magic == 2051) {
        size *= (long) in.readInt() * in.readInt();
      }
      byte[] data = new byte[Math.toIntExact(size)];
      in.readFully(data);
      return data;
    }
  }
}
