package io.curvature.driver.ml;

import io.curvature.driver.io.ModelIo;
import io.curvature.driver.io.SavedModel;
import io.curvature.driver.model.GlmModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saving and loading Curvature's Spark ML models: {@code PATH/metadata} is MLlib's (class, uid, Spark version, every
 * param), written by MLlib's own DefaultParamsWriter; {@code PATH/data/model.json} is the model record of the train
 * job's model.json (version 2), written atomically. Any Hadoop path.
 */
final class GlmModelIo {
  private GlmModelIo() {}

  /** What a model gives its writer. */
  interface Saved {
    GlmModel glm();

    String solverName();

    double objectiveValue();
  }

  static <M extends Params & Saved> MLWriter writer(M model) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sparkSession());
        try {
          ModelIo.write(new Path(path, "data"), sc().hadoopConfiguration(),
              SavedModel.of(model.glm(), model.solverName(), model.objectiveValue()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  /** A reader that makes the model with {@code make(uid, glm)} and sets the saved params on it. */
  static <M extends Params> MLReader<M> reader(Class<M> type, BiFunction<String, SavedModel, M> make) {
    return new MLReader<M>() {
      @Override
      public M load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
            type.getName());
        SavedModel saved;
        try {
          saved = ModelIo.read(new Path(path, "data"), sc().hadoopConfiguration());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        M model = make.apply(metadata.uid(), saved);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
      }
    };
  }
}
