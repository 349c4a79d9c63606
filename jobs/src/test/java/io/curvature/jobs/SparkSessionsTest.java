package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings a job's session gets: spark-submit's (system properties) first, then the defaults file, then the
 * passes' own defaults, which only fill what neither set.
 */
class SparkSessionsTest {
  private static final String[] TOUCHED = {"spark.task.maxDirectResultSize", "spark.app.name",
      SparkSessions.DEFAULTS_PROPERTY, "spark.serializer", "spark.kryo.registrator"};
  private static final String OURS = io.curvature.driver.spark.CurvatureKryoRegistrator.class.getName();

  @AfterEach
  void clear() {
    for (String key : TOUCHED) {
      System.clearProperty(key);
    }
  }

  @Test
  void thePassesDefaultsFillWhatNobodySet() throws Exception {
    SparkConf conf = SparkSessions.conf("t", "local[1]");
    assertEquals("128m", conf.get("spark.task.maxDirectResultSize"));
    assertEquals("t", conf.get("spark.app.name"));
    assertEquals("local[1]", conf.get("spark.master"));
  }

  @Test
  void submitSettingsAndTheDefaultsFileWin(@TempDir Path dir) throws Exception {
    System.setProperty("spark.app.name", "nightly");                 // as spark-submit --name passes it
    Path defaults = dir.resolve("spark-defaults.conf");
    Files.writeString(defaults, "spark.task.maxDirectResultSize   4m\nspark.app.name other\n");
    System.setProperty(SparkSessions.DEFAULTS_PROPERTY, defaults.toString());
    SparkConf conf = SparkSessions.conf("t", "local[1]");
    assertEquals("nightly", conf.get("spark.app.name"));
    assertEquals("4m", conf.get("spark.task.maxDirectResultSize"));
  }

  @Test
  void underKryoTheBlocksRegistratorJoinsAnyOtherOnce() throws Exception {
    assertEquals(false, SparkSessions.conf("t", "local[1]").contains("spark.kryo.registrator"),
        "no registrator under Java serialization");
    System.setProperty("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    assertEquals(OURS, SparkSessions.conf("t", "local[1]").get("spark.kryo.registrator"));
    System.setProperty("spark.kryo.registrator", "com.example.Theirs");
    assertEquals("com.example.Theirs," + OURS, SparkSessions.conf("t", "local[1]").get("spark.kryo.registrator"));
    System.setProperty("spark.kryo.registrator", "com.example.Theirs, " + OURS);
    assertEquals("com.example.Theirs, " + OURS, SparkSessions.conf("t", "local[1]").get("spark.kryo.registrator"));
  }
}
