package io.curvature.driver.ml;

import org.apache.spark.ml.util.Identifiable$;

/**
 * The uid of a stage under construction. Spark's base classes create their params in their constructors, and a
 * param asks its parent for its uid; a Java subclass cannot set its uid field before calling the super constructor
 * (Scala sets class-parameter fields first), so the uid waits here, per thread, until the constructor stores it.
 */
final class Uids {
  private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

  private Uids() {}

  /** A fresh uid with MLlib's shape, {@code prefix_0123456789ab}. */
  static String random(String prefix) {
    return Identifiable$.MODULE$.randomUID(prefix);
  }

  /** Holds {@code uid} for the constructor about to run; pass the result to the private constructor. */
  static Token hold(String uid) {
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("a uid is needed");
    }
    PENDING.set(uid);
    return new Token(uid);
  }

  /** The uid being constructed on this thread (read by {@code uid()} while the super constructor runs). */
  static String pending() {
    return PENDING.get();
  }

  /** The held uid, released. */
  record Token(String uid) {
    String take() {
      PENDING.remove();
      return uid;
    }
  }
}
