package io.curvature.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings a job's session gets: spark-submit's (system properties) first, then the defaults file, then the
 * passes' own defaults, which only fill what neither set; and how a job starts Spark and stops it.
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

  /**
   * Stops the session other test classes share (TestSpark makes it again when next asked), so that a job here starts
   * its own Spark, as under the launcher, instead of joining it.
   */
  private static void noRunningSession() {
    for (scala.Option<SparkSession> s : List.of(SparkSession.getActiveSession(),
        SparkSession.getDefaultSession())) {
      if (s.isDefined()) {
        s.get().stop();
      }
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  @Test
  void aJobStartsSparkWithoutSqlAndMakesTheSessionOnItsContextWhenAsked() throws Exception {
    noRunningSession();
    SparkContext context;
    try (SparkSessions spark = SparkSessions.start("t", "local[1]")) {
      context = spark.context().sc();
      assertTrue(SparkSession.getDefaultSession().isEmpty(), "no SQL session before one is asked for");
      assertEquals(4L, spark.context().parallelize(List.of(1, 2, 3, 4), 2).count());
      assertEquals(context.version(), spark.version());
      Level before = LogManager.getLogger(SparkContext.class).getLevel();
      SparkSession session = spark.session();
      assertSame(context, session.sparkContext(), "the session runs on the job's context, not a second one");
      assertSame(session, spark.session());
      assertEquals(before, LogManager.getLogger(SparkContext.class).getLevel(), "the logger's level is restored");
      assertEquals(3L, session.range(3).count());
    }
    assertTrue(context.isStopped(), "the job started Spark, so it stops it");
  }

  @Test
  void aJobStoppedBeforeItAskedForSqlStopsItsContext() throws Exception {
    noRunningSession();
    SparkContext context;
    try (SparkSessions spark = SparkSessions.start("t", "local[1]")) {
      context = spark.context().sc();
    }
    assertTrue(context.isStopped());
  }

  @Test
  void aRunningSessionIsJoinedAndLeftRunning() throws Exception {
    SparkSession running = SparkSession.builder().master("local[1]").appName("notebook").getOrCreate();
    try {
      try (SparkSessions spark = SparkSessions.start("t", null)) {
        assertSame(running, spark.session());
        assertSame(running.sparkContext(), spark.context().sc());
      }
      assertFalse(running.sparkContext().isStopped(), "a session the job did not start is left running");
    } finally {
      running.stop();
    }
  }
}
