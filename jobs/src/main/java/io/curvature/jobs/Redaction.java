package io.curvature.jobs;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of reports and messages: settings whose names mention a secret, password, token, credential
 * or access key show as "*********(redacted)" (Spark's own marker), and user:password@ in paths is cut.
 */
public final class Redaction {
  /** Names of settings whose values are secrets (Spark's default spark.redaction.regex, and more). */
  static final Pattern SECRET_NAME = Pattern.compile("(?i)secret|password|passwd|token|credential|access[._-]?key"
      + "|session[._-]?key|signature|auth");
  private static final Pattern URI_USER_INFO = Pattern.compile("(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");
  public static final String REDACTED = "*********(redacted)";

  private Redaction() {}

  /** {@code text} with credentials in URIs removed. */
  public static String redact(String text) {
    return text == null ? null : URI_USER_INFO.matcher(text).replaceAll("${scheme}" + REDACTED + "@");
  }

  /** The settings with secret values replaced, sorted by name. */
  public static Map<String, String> redact(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach((k, v) -> out.put(k, SECRET_NAME.matcher(k).find() ? REDACTED : redact(v)));
    return out;
  }
}
