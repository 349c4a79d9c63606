package io.curvature.driver.ml;

import io.curvature.driver.model.GlmModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/** A Spark ML vector's margins under a model, checking its size against the model's features. */
final class Margins {
  private Margins() {}

  static double[] of(GlmModel model, Vector features) {
    if (features.size() > model.numFeatures()) {
      throw new IllegalArgumentException("the features vector has size " + features.size() + ", the model "
          + model.numFeatures() + " features");
    }
    if (features instanceof SparseVector sv) {
      return model.margins(sv.indices(), sv.values());
    }
    return model.margins(((DenseVector) features).values());
  }
}
