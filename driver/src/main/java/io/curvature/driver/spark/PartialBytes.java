package io.curvature.driver.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * A pass's partial as the bytes of its Java serialization. Spark writes task results and shuffled values with
 * {@code spark.serializer}; when a cluster sets Kryo there, Kryo's field serializer cannot write Java records (the
 * data's summary, a fit's partials) and every pass failed. Bytes go through any serializer unchanged, and Java
 * serialization is what Spark's default would have used for the partial anyway.
 */
final class PartialBytes {
  private PartialBytes() {}

  static byte[] write(Object partial) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(partial);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize a partial of " + partial.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  static <T> T read(byte[] bytes) {
    try (ObjectInputStream in = new ContextLoaderInput(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("could not read a partial back (" + bytes.length + " bytes)", e);
    }
  }

  /**
   * Resolves classes with the thread's context class loader first, as Spark's own Java deserializer does: on an
   * executor the application's jar is loaded by the loader Spark sets there, not by the one that loaded Spark.
   */
  private static final class ContextLoaderInput extends ObjectInputStream {
    ContextLoaderInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // primitives' array classes and the JDK's own resolve below
        }
      }
      return super.resolveClass(desc);
    }
  }
}
