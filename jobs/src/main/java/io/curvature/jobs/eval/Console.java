package io.curvature.jobs.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A short console table of metrics: one line per scalar metric, then the nested tables. */
public final class Console {
  private Console() {}

  public static String table(Map<String, Object> metrics) {
    StringBuilder b = new StringBuilder();
    metrics.forEach((k, v) -> {
      if (v instanceof Number n) {
        b.append(String.format(Locale.ROOT, "%-16s %s%n", k, format(n)));
      } else if (v instanceof String s) {
        b.append(String.format(Locale.ROOT, "%-16s %s%n", k, s));
      }
    });
    metrics.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        b.append(k).append(':');
        m.forEach((a, c) -> b.append(' ').append(a).append('=').append(c instanceof Number n ? format(n) : c));
        b.append('\n');
      } else if (v instanceof List<?> rows && !rows.isEmpty() && rows.get(0) instanceof Map<?, ?> first) {
        b.append(k).append(":\n ");
        first.keySet().forEach(h -> b.append(String.format(Locale.ROOT, " %13s", h)));
        b.append('\n');
        for (Object row : rows) {
          b.append(' ');
          ((Map<?, ?>) row).values().forEach(c -> b.append(String.format(Locale.ROOT, " %13s",
              c instanceof Number n ? format(n) : c)));
          b.append('\n');
        }
      }
    });
    return b.toString();
  }

  private static String format(Number n) {
    if (n instanceof Integer || n instanceof Long) {
      return n.toString();
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.0f", d)
        : String.format(Locale.ROOT, "%.6g", d);
  }
}
