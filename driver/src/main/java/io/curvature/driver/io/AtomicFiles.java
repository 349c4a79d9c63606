package io.curvature.driver.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes that never leave a half-written result where a reader looks: content goes to a temporary sibling first and
 * is renamed into place once complete, so a crash leaves either the old file or the new one. Works on every Hadoop
 * file system (on object stores rename is a copy, still never a partial file at the final path).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes into a path. */
  @FunctionalInterface
  public interface Writer {
    void write(FileSystem fs, Path path) throws IOException;
  }

  /** Writes {@code content} to {@code target}, replacing what was there. */
  public static void writeFile(Path target, Configuration conf, byte[] content) throws IOException {
    replace(target, conf, (fs, tmp) -> {
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(content);
      }
    });
  }

  /**
   * Runs {@code writer} on a temporary sibling of {@code target} (a file or a folder), then moves it to
   * {@code target}. An existing target is moved aside first and deleted only after the new one is in place.
   */
  public static void replace(Path target, Configuration conf, Writer writer) throws IOException {
    target = new Path(target.toString());            // drops a trailing slash, which would make the name empty
    FileSystem fs = target.getFileSystem(conf);
    fs.setWriteChecksum(false);                      // no .crc side files next to results on the local FS
    Path parent = target.getParent();
    if (parent != null && !fs.exists(parent) && !fs.mkdirs(parent)) {
      throw new IOException("cannot create folder " + parent);
    }
    String token = UUID.randomUUID().toString().substring(0, 8);
    Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + token);
    try {
      writer.write(fs, tmp);
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, true);
      throw e;
    }
    Path old = null;
    if (fs.exists(target)) {
      old = new Path(parent, "." + target.getName() + ".old-" + token);
      if (!fs.rename(target, old)) {
        fs.delete(tmp, true);
        throw new IOException("cannot move the previous " + target + " aside");
      }
    }
    if (!fs.rename(tmp, target)) {
      if (old != null) {
        fs.rename(old, target);
      }
      fs.delete(tmp, true);
      throw new IOException("cannot move the new " + target + " into place");
    }
    if (old != null) {
      fs.delete(old, true);
    }
  }
}
