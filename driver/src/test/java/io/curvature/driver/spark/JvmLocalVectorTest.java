package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The handle a local master's tasks read a shared vector by: what travels, what it finds, when it lets go. */
class JvmLocalVectorTest {
  private static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static JvmLocalVector deserialize(byte[] bytes) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (JvmLocalVector) in.readObject();
    }
  }

  @Test
  void aTasksCopyReadsTheDriversArrayItselfAndOnlyTheIdTravels() throws Exception {
    double[] v = new double[100_000];
    v[7] = 3.5;
    JvmLocalVector handle = JvmLocalVector.share(v);
    byte[] bytes = serialize(handle);
    assertTrue(bytes.length < 200, "a handle is " + bytes.length + " bytes, not the vector's 800 KB");
    JvmLocalVector copy = deserialize(bytes);
    assertSame(v, copy.value());
    assertSame(v, handle.value());
    handle.release();
    assertSame(v, copy.value(), "a task that has read the value keeps it");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> deserialize(bytes).value());
    assertTrue(e.getMessage().contains("not in this JVM"), e.getMessage());
  }

  /**
   * What the cleaner runs for an unreachable handle drops its value, and holds nothing that would keep the handle
   * reachable (then it would never run). Checked without waiting on the collector: the action is run here, and its
   * captured state is read. Watched through a task's copy that never read the value (its isHere asks the map).
   */
  @Test
  void theCleaningActionOfAHandleLetsGoOfItsValueAndHoldsNoHandle() throws Exception {
    JvmLocalVector handle = JvmLocalVector.share(new double[] {1, 2, 3});
    JvmLocalVector probe = deserialize(serialize(handle));
    assertTrue(probe.isHere());
    Runnable action = JvmLocalVector.releaseWhenUnreachable(handle.id());
    for (java.lang.reflect.Field f : action.getClass().getDeclaredFields()) {
      f.setAccessible(true);
      Object captured = f.get(action);
      assertFalse(captured instanceof JvmLocalVector || captured instanceof double[], "the action holds " + captured);
    }
    action.run();
    assertFalse(probe.isHere(), "the cleaning action released the vector");
    handle.release();                                 // already gone: nothing to count
  }
}
