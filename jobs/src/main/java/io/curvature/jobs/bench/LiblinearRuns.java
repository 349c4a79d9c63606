package io.curvature.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LIBLINEAR runs made by {@code bench/liblinear.sh} (one {@code liblinear-train -s 0} per stopping tolerance, each a
 * separate process that loads the file and trains single-threaded): a TSV of
 * {@code eps  wall-seconds  model-file}, where the row with eps {@code load} ran with a tolerance so loose that it
 * stops after its first gradient, and stands for the time LIBLINEAR spends reading the file.
 */
final class LiblinearRuns {
  private LiblinearRuns() {}

  record Run(String eps, double wallSeconds, Path model) {}

  static List<Run> read(Path tsv) throws IOException {
    List<Run> runs = new ArrayList<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 3) {
        throw new IOException(tsv + ":" + lineNumber + ": expected eps, seconds and model path separated by tabs");
      }
      try {
        Path model = tsv.resolveSibling(f[2]).normalize();
        runs.add(new Run(f[0], Double.parseDouble(f[1]), model));
      } catch (NumberFormatException e) {
        throw new IOException(tsv + ":" + lineNumber + ": '" + f[1] + "' is not a number of seconds");
      }
    }
    return runs;
  }

  /**
   * The weights of a LIBLINEAR model file for binary logistic regression, oriented so that w.x &gt; 0 predicts +1,
   * padded or checked against {@code dimension}. Rejects models with a bias term (LIBLINEAR regularizes its bias,
   * so the objective is not the same).
   */
  static double[] weights(Path model, int dimension) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(model, StandardCharsets.US_ASCII)) {
      int features = -1;
      double sign = 1;
      String line;
      while ((line = in.readLine()) != null && !line.equals("w")) {
        String[] f = line.trim().split("\\s+");
        switch (f[0]) {
          case "nr_feature" -> features = Integer.parseInt(f[1]);
          case "label" -> sign = Double.parseDouble(f[1]) > 0 ? 1 : -1;   // w scores the first label
          case "bias" -> {
            if (Double.parseDouble(f[1]) >= 0) {
              throw new IOException(model + ": a model with a bias term solves another problem");
            }
          }
          case "nr_class" -> {
            if (!f[1].equals("2")) {
              throw new IOException(model + ": " + f[1] + " classes, expected a binary model");
            }
          }
          default -> { }
        }
      }
      if (features < 0 || line == null) {
        throw new IOException(model + ": not a LIBLINEAR model (no nr_feature or no w section)");
      }
      if (features > dimension) {
        throw new IOException(model + ": " + features + " features, more than the data's " + dimension);
      }
      double[] w = new double[dimension];
      for (int j = 0; j < features; j++) {
        String value = in.readLine();
        if (value == null) {
          throw new IOException(model + ": " + j + " weights, expected " + features);
        }
        w[j] = sign * Double.parseDouble(value.trim());
      }
      return w;
    }
  }
}
