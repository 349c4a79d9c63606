package io.curvature.driver.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** JSON in and out of any Hadoop path, with Jackson (on Spark's classpath already). */
public final class Json {
  private Json() {}

  /** Strict on input (unknown fields are errors), readable on output; non-finite numbers written as NaN. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  /** Writes {@code value} to {@code target} atomically. */
  public static void write(Path target, Configuration conf, Object value) throws IOException {
    AtomicFiles.writeFile(target, conf, MAPPER.writeValueAsBytes(value));
  }

  public static <T> T read(Path source, Configuration conf, Class<T> type) throws IOException {
    try (InputStream in = source.getFileSystem(conf).open(source)) {
      return MAPPER.readValue(in, type);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(source + ": " + e.getOriginalMessage(), e);
    }
  }
}
