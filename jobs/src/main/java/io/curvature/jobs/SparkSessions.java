package io.curvature.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job. Under spark-submit the master and settings come from it; run from the launcher (no
 * master set) the job runs on embedded {@code local[*]} with {@code conf/spark-defaults.conf}. A session that was
 * already running (a test, a notebook) is used and left running.
 *
 * <p>A job starts a SparkContext; the SQL session on it is made only when a job asks for one (Parquet input or
 * output, MLlib's estimators). Building a session first loads Scala's runtime reflection and Spark SQL's catalog,
 * function registry and configuration, about 1.5 s of a cold start on two cores, which a job that reads LIBSVM or
 * CSV text and writes its model as JSON never uses.
 */
public final class SparkSessions implements AutoCloseable {
  /** System property naming a spark-defaults.conf to apply when not under spark-submit (the launcher sets it). */
  public static final String DEFAULTS_PROPERTY = "curvature.sparkDefaults";

  private final SparkContext context;
  private final boolean owned;
  private SparkSession session;   // on first use

  private SparkSessions(SparkContext context, SparkSession session, boolean owned) {
    this.context = context;
    this.session = session;
    this.owned = owned;
  }

  /** Starts (or joins) Spark; {@code master} null keeps spark-submit's or falls back to local[*]. */
  public static SparkSessions start(String appName, String master) throws IOException {
    scala.Option<SparkSession> running = SparkSession.getActiveSession();
    if (running.isEmpty()) {
      running = SparkSession.getDefaultSession();
    }
    if (running.isDefined() && !running.get().sparkContext().isStopped()) {
      return new SparkSessions(running.get().sparkContext(), running.get(), false);
    }
    return new SparkSessions(SparkContext.getOrCreate(conf(appName, master)), null, true);
  }

  /** The settings a session of this job gets: spark-submit's (system properties), then the defaults file. */
  static SparkConf conf(String appName, String master) throws IOException {
    SparkConf conf = new SparkConf(true);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    String defaults = System.getProperty(DEFAULTS_PROPERTY);
    if (defaults != null && Files.isRegularFile(Paths.get(defaults))) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(Paths.get(defaults))) {
        p.load(in);                               // spark-defaults.conf is "key value" lines: Properties reads them
      }
      for (String key : p.stringPropertyNames()) {
        conf.setIfMissing(key, p.getProperty(key).trim());
      }
    }
    conf.setIfMissing("spark.app.name", appName);
    // A pass's partials (d doubles a partition) come back inside the task's status message, not parked in the
    // executor's block manager for the driver to fetch in a second round trip as results over 1 MB are by default
    // (Spark caps it at spark.rpc.message.maxSize, 128 MB).
    conf.setIfMissing("spark.task.maxDirectResultSize", "128m");
    // Under Kryo the cached blocks are written by it (serialized storage levels, spills, a load's repartition):
    // registered, they also run where the cluster requires every class to be (spark.kryo.registrationRequired).
    if (conf.get("spark.serializer", "").endsWith("KryoSerializer")) {
      String ours = io.curvature.driver.spark.CurvatureKryoRegistrator.class.getName();
      String theirs = conf.get("spark.kryo.registrator", "").trim();
      if (!java.util.Arrays.asList(theirs.split("\\s*,\\s*")).contains(ours)) {
        conf.set("spark.kryo.registrator", theirs.isEmpty() ? ours : theirs + "," + ours);
      }
    }
    return conf;
  }

  /**
   * The Hadoop configuration a job has before Spark starts, to check its paths early: Hadoop's own files plus every
   * {@code spark.hadoop.*} setting (s3a credentials, HDFS client retries), as the SparkContext will have them.
   */
  public static Configuration hadoopConfiguration() throws IOException {
    Configuration hadoop = new Configuration();
    String prefix = "spark.hadoop.";
    for (scala.Tuple2<String, String> kv : conf("curvature", null).getAll()) {
      if (kv._1().startsWith(prefix)) {
        hadoop.set(kv._1().substring(prefix.length()), kv._2());
      }
    }
    return hadoop;
  }

  /**
   * The SQL session on this job's SparkContext, made on the first call. Spark warns that an existing context's
   * settings may not take effect whenever a session is built on one; here the context is this job's own, with every
   * setting already applied, so that warning is kept from the job's output.
   */
  public synchronized SparkSession session() {
    if (session == null) {
      String name = SparkContext.class.getName();
      Level before = LogManager.getLogger(name).getLevel();
      Configurator.setLevel(name, Level.ERROR);
      try {
        session = SparkSession.builder().getOrCreate();
      } finally {
        Configurator.setLevel(name, before);
      }
    }
    return session;
  }

  public JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(context);
  }

  public String master() {
    return context.master();
  }

  /** The Spark version the job runs on (reports). */
  public String version() {
    return context.version();
  }

  /**
   * Silences Spark's own reports of failed tasks until closed: a bad input line fails its task, and Spark's some
   * seventy lines of executor errors and stack traces would bury the one line that names the file and the line. The
   * job's error reports the failure either way. Levels are restored on close.
   */
  public static AutoCloseable quietTaskFailures() {
    String[] loggers = {"org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager",
        "org.apache.spark.storage.BlockManager", "org.apache.spark.scheduler.DAGScheduler",
        "org.apache.spark.scheduler.TaskSchedulerImpl",
        // a task that fails while writing (predict's output) is also reported by the writer and the task wrapper
        "org.apache.spark.util.Utils", "org.apache.spark.sql.execution.datasources.FileFormatWriter"};
    java.util.Map<String, org.apache.logging.log4j.Level> before = new java.util.HashMap<>();
    for (String name : loggers) {
      before.put(name, org.apache.logging.log4j.LogManager.getLogger(name).getLevel());
      org.apache.logging.log4j.core.config.Configurator.setLevel(name, org.apache.logging.log4j.Level.OFF);
    }
    return () -> before.forEach(org.apache.logging.log4j.core.config.Configurator::setLevel);
  }

  /** The settings this session runs with, secrets redacted (for reports). */
  public java.util.Map<String, String> settings() {
    java.util.Map<String, String> all = new java.util.TreeMap<>();
    for (scala.Tuple2<String, String> t : context.getConf().getAll()) {
      all.put(t._1(), t._2());
    }
    return Redaction.redact(all);
  }

  /** Stops Spark if this job started it. */
  @Override
  public synchronized void close() {
    if (owned) {
      if (session != null) {
        session.stop();
      } else {
        context.stop();
      }
    }
  }
}
