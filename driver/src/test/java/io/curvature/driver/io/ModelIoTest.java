package io.curvature.driver.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.model.GlmModel;
import io.curvature.driver.model.ModelKind;
import io.curvature.driver.model.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIoTest {
  private final Configuration conf = new Configuration();

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private static GlmModel logistic(double[] w, boolean intercept) {
    return GlmModel.fromPoint(w, w.length - (intercept ? 1 : 0), 2, TrainingSpec.logistic(0.01, intercept), 0.5);
  }

  @Test
  void roundTripsAndReplacesAnOldModelWhole(@TempDir Path dir) throws IOException {
    ModelIo.write(hadoop(dir.resolve("model")), conf, SavedModel.of(logistic(new double[] {0.5, -1.25, 3.0}, true),
        "tron", 0.25));
    SavedModel read = ModelIo.read(hadoop(dir.resolve("model")), conf);
    assertEquals(2, read.formatVersion());
    assertEquals(2, read.numFeatures());
    assertArrayEquals(new double[] {0.5, -1.25}, read.coefficients(), 0.0);   // the version-1 fields are kept
    assertEquals(3.0, read.intercept());
    assertArrayEquals(new double[] {0.5, -1.25, 3.0}, read.point(), 0.0);
    ModelIo.write(hadoop(dir.resolve("model")), conf, SavedModel.of(logistic(new double[] {1, 2, 3, 4}, false),
        "lbfgs", 0.5));
    assertArrayEquals(new double[] {1, 2, 3, 4}, ModelIo.read(hadoop(dir.resolve("model")), conf).coefficients());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary or old copies left behind");
    }
  }

  @Test
  void everyModelKindRoundTrips(@TempDir Path dir) throws IOException {
    for (ModelKind kind : ModelKind.values()) {
      int classes = kind == ModelKind.MULTINOMIAL ? 3 : kind.isClassifier() ? 2 : 0;
      int outputs = kind.outputs(classes);
      double[] w = new double[4 * outputs];
      for (int j = 0; j < w.length; j++) {
        w[j] = 0.25 * j - 1;
      }
      GlmModel m = GlmModel.fromPoint(w, 3, classes, new TrainingSpec(kind, 0.1, 0.5, true, true),
          kind == ModelKind.SVM || kind == ModelKind.SIGMOID ? 0.0 : 0.5);
      org.apache.hadoop.fs.Path path = hadoop(dir.resolve(kind.cliName()));
      ModelIo.write(path, conf, SavedModel.of(m, "owlqn", 1.5));
      GlmModel back = ModelIo.read(path, conf).toModel();
      assertEquals(kind, back.kind());
      assertEquals(classes, back.numClasses());
      assertArrayEquals(w, back.point(), 0.0);
      assertEquals(m.spec(), back.spec());
      assertEquals(m.threshold(), back.threshold());
    }
  }

  /** The version-1 format as shipped: later code must keep reading it. */
  @Test
  void readsTheGoldenVersionOneFile() throws Exception {
    Path golden = Path.of(getClass().getResource("/golden-model-v1/model.json").toURI());
    SavedModel m = ModelIo.read(hadoop(golden), conf);
    assertEquals(3, m.numFeatures());
    assertTrue(m.fitIntercept());
    assertEquals(-0.75, m.intercept());
    assertArrayEquals(new double[] {1.5, 0.0, -2.0}, m.coefficients(), 0.0);
    assertEquals("tron", m.solver());
    GlmModel model = m.toModel();
    assertEquals(ModelKind.LOGISTIC, model.kind());
    assertEquals(2, model.numClasses());
    assertArrayEquals(new double[] {1.5, 0.0, -2.0, -0.75}, model.point(), 0.0);
    assertEquals(0.001, model.spec().regParam());
  }

  /** Version 2 as shipped, binary and multinomial. */
  @Test
  void readsTheGoldenVersionTwoFiles() throws Exception {
    SavedModel binary = ModelIo.read(hadoop(Path.of(getClass().getResource("/golden-model-v2-logistic/model.json")
        .toURI())), conf);
    GlmModel b = binary.toModel();
    assertEquals(ModelKind.LOGISTIC, b.kind());
    assertArrayEquals(new double[] {1.5, 0.0, -2.0, -0.75}, b.point(), 0.0);
    assertEquals(0.5, b.spec().elasticNet());
    SavedModel multi = ModelIo.read(hadoop(Path.of(getClass().getResource("/golden-model-v2-multinomial/model.json")
        .toURI())), conf);
    GlmModel m = multi.toModel();
    assertEquals(ModelKind.MULTINOMIAL, m.kind());
    assertEquals(3, m.numClasses());
    assertTrue(m.spec().standardize());
    // feature-major point: (feature 0: 1, 0, -1), (feature 1: -1, 2, -1), intercepts
    assertArrayEquals(new double[] {1, 0, -1, -1, 2, -1, 0.5, -0.25, -0.25}, m.point(), 0.0);
    double[] margins = m.margins(new int[] {1}, new double[] {2.0});
    assertArrayEquals(new double[] {-1.5, 3.75, -2.25}, margins, 1e-15);
    assertEquals(1.0, m.predict(margins));
  }

  @Test
  void rejectsForeignOrInconsistentFilesNamingTheFile(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("m"));
    Files.writeString(dir.resolve("m/model.json"), "{\"format\":\"curvature-logistic-regression\",\"formatVersion\":1,"
        + "\"numFeatures\":3,\"fitIntercept\":false,\"intercept\":0,\"coefficients\":[1,2],\"regParam\":0,"
        + "\"solver\":\"tron\",\"objective\":1}");
    IOException e = assertThrows(IOException.class, () -> ModelIo.read(hadoop(dir.resolve("m")), conf));
    assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("expected numFeatures = 3"),
        e.getMessage());
    Files.writeString(dir.resolve("m/model.json"), "{\"format\":\"other\"}");
    e = assertThrows(IOException.class, () -> ModelIo.read(hadoop(dir.resolve("m")), conf));
    assertTrue(e.getMessage().contains("not a Curvature model"), e.getMessage());
    Files.writeString(dir.resolve("m/model.json"), "{\"format\":\"curvature-logistic-regression\",\"formatVersion\":3}");
    e = assertThrows(IOException.class, () -> ModelIo.read(hadoop(dir.resolve("m")), conf));
    assertTrue(e.getMessage().contains("version 3 is not supported"), e.getMessage());
    assertThrows(java.io.FileNotFoundException.class, () -> ModelIo.read(hadoop(dir.resolve("none")), conf));
  }
}
