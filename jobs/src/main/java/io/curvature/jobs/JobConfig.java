package io.curvature.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: a command's options from a file (any Hadoop path), JSON ({@code {"reg-param": "1/60000",
 * "fit-intercept": true}}) or properties ({@code reg-param = 1/60000}), keys being the long option names without the
 * dashes. Flags on the command line override the file; a key that names no option of the command is an error, as is
 * a file that cannot be read. The file's settings are added to the command line as the flags they name (those not
 * already given), so they are validated and recorded exactly as flags are.
 */
final class JobConfig {
  private JobConfig() {}

  /** {@code args} with the settings of its command's --config, if any, added as flags not already given. */
  static String[] expand(CommandLine root, String[] args) {
    String command = null;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (command == null && !a.startsWith("-")) {
        command = a;
      } else if (a.equals("--config") && i + 1 < args.length) {
        file = args[i + 1];
      } else if (a.startsWith("--config=")) {
        file = a.substring("--config=".length());
      }
    }
    if (file == null || command == null || !root.getSubcommands().containsKey(command)) {
      return args;
    }
    CommandLine sub = root.getSubcommands().get(command);
    Map<String, String> settings = read(sub, file);
    Map<String, OptionSpec> options = new LinkedHashMap<>();
    for (OptionSpec o : sub.getCommandSpec().options()) {
      options.put(o.longestName().replaceFirst("^--", ""), o);
    }
    List<String> unknown = new ArrayList<>();
    for (String key : settings.keySet()) {
      if (!options.containsKey(key) || key.equals("config") || key.equals("help") || key.equals("version")) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new CommandLine.ParameterException(sub, file + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
          + unknown + "; " + command + " takes " + options.keySet().stream().filter(k -> !k.equals("config")
          && !k.equals("help") && !k.equals("version")).toList());
    }
    List<String> expanded = new ArrayList<>(List.of(args));
    for (Map.Entry<String, String> e : settings.entrySet()) {
      OptionSpec o = options.get(e.getKey());
      boolean given = false;
      for (String a : args) {
        for (String name : o.names()) {
          given |= a.equals(name) || a.startsWith(name + "=");
        }
      }
      if (given) {
        continue;                                  // the command line wins
      }
      if (o.arity().max() == 0) {                  // a flag: present when true
        if (Boolean.parseBoolean(e.getValue())) {
          expanded.add(o.longestName());
        } else if (!e.getValue().equalsIgnoreCase("false")) {
          throw new CommandLine.ParameterException(sub, file + ": '" + e.getKey() + "' is a flag; expected true or "
              + "false, not '" + e.getValue() + "'");
        }
      } else {
        expanded.add(o.longestName());
        expanded.add(e.getValue());
      }
    }
    return expanded.toArray(new String[0]);
  }

  /** The file's key/value pairs; JSON when it starts with '{', else properties. */
  static Map<String, String> read(CommandLine sub, String file) {
    String text;
    try {
      Path path = new Path(file);
      try (InputStream in = path.getFileSystem(SparkSessions.hadoopConfiguration()).open(path)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new CommandLine.ParameterException(sub, file + ": cannot read the config (" + e.getMessage() + ")");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (text.strip().startsWith("{")) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new CommandLine.ParameterException(sub, file + ": not valid JSON (" + e.getMessage().split("\n")[0]
            + ")");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isContainerNode() && !v.isArray()) {
          throw new CommandLine.ParameterException(sub, file + ": the value of '" + e.getKey() + "' is an object; "
              + "expected a number, a string, a boolean or a list");
        }
        if (v.isArray()) {
          List<String> items = new ArrayList<>();
          v.forEach(x -> items.add(x.asText()));
          out.put(e.getKey(), String.join(",", items));
        } else {
          out.put(e.getKey(), v.asText());
        }
      }
    } else {
      Properties p = new Properties();
      try {
        p.load(new StringReader(text));
      } catch (IOException | IllegalArgumentException e) {
        throw new CommandLine.ParameterException(sub, file + ": cannot read it as properties (" + e.getMessage()
            + ")");
      }
      for (String key : p.stringPropertyNames()) {
        out.put(key.trim(), p.getProperty(key).trim());
      }
    }
    return out;
  }
}
