package io.curvature.jobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.jobs.CurvatureMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {
  @Test
  void rowsDependOnlyOnSeedAndIndex() {
    SyntheticData a = new SyntheticData(1000, 500, 10, 0.2, 42);
    SyntheticData b = new SyntheticData(1000, 500, 10, 0.2, 42);
    SyntheticData c = new SyntheticData(1000, 500, 10, 0.2, 43);
    StringBuilder x = new StringBuilder();
    StringBuilder y = new StringBuilder();
    StringBuilder z = new StringBuilder();
    for (long i = 999; i >= 0; i--) {                  // order of generation does not matter
      x.setLength(0);
      y.setLength(0);
      a.appendRow(i, x);
      b.appendRow(i, y);
      assertEquals(x.toString(), y.toString());
    }
    a.appendRow(5, x);
    c.appendRow(5, z);
    assertTrue(!x.toString().endsWith(z.toString()), "another seed gives other rows");
  }

  @Test
  void binaryValuesKeepTheColumnsAndLabelsFollowThePlantedModel() {
    SyntheticData valued = new SyntheticData(3000, 200, 12, 0.3, 5);
    SyntheticData binary = new SyntheticData(3000, 200, 12, 0.3, 5).binaryValues();
    double agreement = 0;
    for (long i = 0; i < 3000; i++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      valued.appendRow(i, a);
      binary.appendRow(i, b);
      String[] ta = a.toString().trim().split(" ");
      String[] tb = b.toString().trim().split(" ");
      assertEquals(ta.length, tb.length);
      double margin = 0;
      for (int t = 1; t < tb.length; t++) {
        assertTrue(tb[t].endsWith(":1.0"), "binary: " + tb[t]);
        int column = Integer.parseInt(tb[t].substring(0, tb[t].indexOf(':')));
        assertEquals(ta[t].substring(0, ta[t].indexOf(':')), String.valueOf(column), "same popularity draw");
        margin += binary.plantedWeight(column - 1);
      }
      agreement += Double.parseDouble(tb[0]) * Math.tanh(margin / 2);
    }
    assertTrue(agreement / 3000 > 0.1, "labels follow the planted weights of the binary rows: " + agreement / 3000);
  }

  @Test
  void plantedFactorizationMachineDataIsBinaryDeterministicAndLabelledByItsInteractions(@TempDir Path dir)
      throws Exception {
    SyntheticData gen = new SyntheticData(4000, 300, 15, 0.3, 9, io.curvature.driver.model.ModelKind.LOGISTIC, 2, 4);
    StringBuilder line = new StringBuilder();
    double agreement = 0;
    double sum = 0;
    double sumSquares = 0;
    for (long i = 0; i < 4000; i++) {
      line.setLength(0);
      gen.appendRow(i, line);
      String[] tokens = line.toString().trim().split(" ");
      double y = Double.parseDouble(tokens[0]);
      double interaction = 0;
      for (int f = 0; f < 4; f++) {
        double q = 0;
        double squares = 0;
        for (int t = 1; t < tokens.length; t++) {
          assertTrue(tokens[t].endsWith(":1.0"), "binary features: " + tokens[t]);
          double v = gen.plantedFactor(Integer.parseInt(tokens[t].substring(0, tokens[t].indexOf(':'))) - 1, f);
          q += v;
          squares += v * v;
        }
        interaction += 0.5 * (q * q - squares);
      }
      agreement += y * Math.tanh(interaction / 2);    // E[y | z] = tanh(z / 2): > 0 when labels follow z's pairs
      sum += interaction;
      sumSquares += interaction * interaction;
    }
    double sd = Math.sqrt(sumSquares / 4000 - Math.pow(sum / 4000, 2));
    assertTrue(sd > 0.8 && sd < 5, "the interaction term's spread is of order 2: " + sd);
    assertTrue(agreement / 4000 > 0.1, "labels follow the planted interactions: " + agreement / 4000);
    StringBuilder again = new StringBuilder();
    new SyntheticData(4000, 300, 15, 0.3, 9, io.curvature.driver.model.ModelKind.LOGISTIC, 2, 4).appendRow(3999, again);
    assertEquals(line.toString(), again.toString());
    assertThrows(IllegalArgumentException.class,
        () -> new SyntheticData(10, 30, 5, 0.3, 9, io.curvature.driver.model.ModelKind.SVM, 2, 4));
    assertEquals(0, CurvatureMain.execute("generate", "--rows", "50", "--features", "40", "--fm-factors", "3",
        "--output", dir.resolve("fm.libsvm").toString()));
    assertEquals(50, Files.readAllLines(dir.resolve("fm.libsvm")).size());
    assertEquals(2, CurvatureMain.execute("generate", "--rows", "50", "--features", "40", "--fm-factors", "3",
        "--model", "poisson", "--output", dir.resolve("bad.libsvm").toString()));
  }

  @Test
  void singleFileAndPartsHoldTheSameRows(@TempDir Path dir) throws Exception {
    assertEquals(0, CurvatureMain.execute("generate", "--rows", "3000", "--features", "200", "--nnz-per-row", "12",
        "--seed", "5", "--output", dir.resolve("one.libsvm").toString()));
    assertEquals(0, CurvatureMain.execute("generate", "--rows", "3000", "--features", "200", "--nnz-per-row", "12",
        "--seed", "5", "--parts", "3", "--output", dir.resolve("parts").toString(), "--master", "local[2]"));
    List<String> one = Files.readAllLines(dir.resolve("one.libsvm"), StandardCharsets.US_ASCII);
    StringBuilder joined = new StringBuilder();
    for (int p = 0; p < 3; p++) {
      joined.append(Files.readString(dir.resolve(String.format("parts/part-%05d.libsvm", p))));
    }
    assertEquals(String.join("\n", one) + "\n", joined.toString());
    assertEquals(3000, one.size());
    long positives = one.stream().filter(l -> l.startsWith("+1")).count();
    assertTrue(positives > 600 && positives < 2400, "labels far from balanced: " + positives);
    assertTrue(one.stream().allMatch(l -> l.split(" ").length == 13));
  }

  @Test
  void labelsFollowTheRequestedModel() {
    for (io.curvature.driver.model.ModelKind kind : io.curvature.driver.model.ModelKind.values()) {
      SyntheticData gen = new SyntheticData(3000, 50, 10, 0.5, 3, kind, 4);
      java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
      StringBuilder line = new StringBuilder();
      for (long i = 0; i < 3000; i++) {
        line.setLength(0);
        gen.appendRow(i, line);
        String label = line.substring(0, line.indexOf(" "));
        assertTrue(kind.labelDomain().problem(Double.parseDouble(label)) == null, kind + ": label " + label);
        counts.merge(label, 1, Integer::sum);
      }
      switch (kind) {
        case MULTINOMIAL -> assertEquals(java.util.Set.of("0", "1", "2", "3"), counts.keySet(), counts.toString());
        case LOGISTIC, SVM, SIGMOID -> assertEquals(2, counts.size());
        default -> assertTrue(counts.size() > 5, kind + " labels take many values: " + counts.size());
      }
    }
    // binary data is the same bytes as before models were added
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    new SyntheticData(10, 50, 5, 0.5, 9).appendRow(7, a);
    new SyntheticData(10, 50, 5, 0.5, 9, io.curvature.driver.model.ModelKind.LOGISTIC, 2).appendRow(7, b);
    assertEquals(a.toString(), b.toString());
  }

  @Test
  void rejectsImpossibleShapes() {
    assertThrows(IllegalArgumentException.class, () -> new SyntheticData(10, 5, 6, 0.2, 1));
    assertThrows(IllegalArgumentException.class, () -> new SyntheticData(10, 5, 2, 0, 1));
  }
}
