package io.curvature.driver.spark;

import io.curvature.workers.LossPartial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A pass's partial as bytes. Spark writes task results and shuffled values with {@code spark.serializer}; when a
 * cluster sets Kryo there, Kryo's field serializer cannot write Java records (the data's summary, a fit's partials)
 * and every pass failed. Bytes go through any serializer unchanged: raw doubles for the partials of nearly every pass,
 * Java serialization (what Spark's default would have used) for the rest.
 */
final class PartialBytes {
  /** The first byte: how the rest is written. */
  private static final byte JAVA = 0;
  private static final byte DOUBLES = 1;
  private static final byte LOSS = 2;

  private PartialBytes() {}

  /**
   * The two partials of nearly every pass, a d-vector (Hessian-vector products, diagonals) and a value+gradient
   * partial without a Gram matrix, are written as raw little-endian doubles, sized exactly; anything else by Java
   * serialization. At d = 481,000 (a wide partition's columns) that is about 0.5 ms each way instead of 2.
   */
  static byte[] write(Object partial) {
    if (partial instanceof double[] v) {
      ByteBuffer out = ByteBuffer.allocate(size(1, v.length)).order(ByteOrder.LITTLE_ENDIAN);
      out.put(DOUBLES);
      out.asDoubleBuffer().put(v);
      return out.array();
    }
    if (partial instanceof LossPartial p && p.gram() == null) {
      double[] g = p.gradient();
      double[] d = p.diagonal();
      long n = (long) g.length + (d == null ? 0 : d.length);
      ByteBuffer out = ByteBuffer.allocate(size(1 + 1 + 8 * 3 + 4, n)).order(ByteOrder.LITTLE_ENDIAN);
      out.put(LOSS).put((byte) (d == null ? 0 : 1)).putDouble(p.loss()).putDouble(p.weightSum()).putLong(p.rows())
          .putInt(g.length);
      out.asDoubleBuffer().put(g);
      if (d != null) {
        out.position(out.position() + 8 * g.length);
        out.asDoubleBuffer().put(d);
      }
      return out.array();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    bytes.write(JAVA);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(partial);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize a partial of " + partial.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  /** Bytes for a header and {@code doubles} values; one array holds at most 2^31 - 1 bytes (268 million doubles). */
  private static int size(int header, long doubles) {
    long bytes = header + 8 * doubles;
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a partial of " + doubles + " doubles exceeds the 2 GB one array holds "
          + "(and Spark's cap on a task's result, spark.driver.maxResultSize)");
    }
    return (int) bytes;
  }

  @SuppressWarnings("unchecked")
  static <T> T read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte kind = in.get();
    if (kind == DOUBLES) {
      double[] v = new double[(bytes.length - 1) / 8];
      in.asDoubleBuffer().get(v);
      return (T) v;
    }
    if (kind == LOSS) {
      boolean withDiagonal = in.get() == 1;
      double loss = in.getDouble();
      double weightSum = in.getDouble();
      long rows = in.getLong();
      double[] g = new double[in.getInt()];
      in.asDoubleBuffer().get(g);
      double[] d = null;
      if (withDiagonal) {
        in.position(in.position() + 8 * g.length);
        d = new double[g.length];
        in.asDoubleBuffer().get(d);
      }
      return (T) LossPartial.of(loss, weightSum, rows, g, d);
    }
    try (ObjectInputStream stream = new ContextLoaderInput(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
      return (T) stream.readObject();
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
