package io.curvature.driver.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** A model folder ({@code DIR/model/}) holds {@code model.json}; it is replaced whole or not at all. */
public final class ModelIo {
  public static final String MODEL_FILE = "model.json";

  private ModelIo() {}

  public static void write(Path modelDir, Configuration conf, SavedModel model) throws IOException {
    byte[] json = Json.MAPPER.writeValueAsBytes(model);
    AtomicFiles.replace(modelDir, conf, (fs, tmp) -> {
      if (!fs.mkdirs(tmp)) {
        throw new IOException("cannot create " + tmp);
      }
      try (var out = fs.create(new Path(tmp, MODEL_FILE), false)) {
        out.write(json);
      }
    });
  }

  /** Reads a model folder (or the model.json in it). */
  public static SavedModel read(Path modelDirOrFile, Configuration conf) throws IOException {
    Path file = modelDirOrFile.getName().equals(MODEL_FILE) ? modelDirOrFile : new Path(modelDirOrFile, MODEL_FILE);
    try {
      return Json.read(file, conf, SavedModel.class);
    } catch (java.io.FileNotFoundException e) {
      throw new java.io.FileNotFoundException(file + ": no model there");
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
