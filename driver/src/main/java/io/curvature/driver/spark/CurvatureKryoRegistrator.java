package io.curvature.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import io.curvature.workers.CsrBlock;
import io.curvature.workers.DenseBlock;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers with Kryo the classes Spark writes with it when a cluster sets {@code spark.serializer} to Kryo: the
 * cached blocks, which Spark serializes for serialized and disk storage levels and shuffles when a load repartitions.
 * Partials need nothing (they travel as bytes), nor do the vectors (primitive arrays, which Spark registers). Needed
 * only where {@code spark.kryo.registrationRequired=true}; the jobs add it to {@code spark.kryo.registrator} when the
 * serializer is Kryo, and a Spark ML pipeline's session under that setting lists it there itself.
 */
public final class CurvatureKryoRegistrator implements KryoRegistrator {
  /**
   * MLlib's own classes that {@code evaluate} (its binary classification metrics) sends through Kryo and Spark does
   * not register: by name, since they are private to MLlib.
   */
  static final String[] MLLIB_CLASSES = {
      "org.apache.spark.mllib.evaluation.binary.BinaryLabelCounter",
  };

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(CsrBlock.class);
    kryo.register(DenseBlock.class);
    for (String name : MLLIB_CLASSES) {
      try {
        Class<?> c = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        kryo.register(c);
        kryo.register(java.lang.reflect.Array.newInstance(c, 0).getClass());   // and arrays of it
      } catch (ClassNotFoundException e) {
        // an MLlib without it does not send it
      }
    }
  }
}
