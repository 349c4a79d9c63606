package io.curvature.jobs.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void roundTripsAndReplacesAnOldModelWhole(@TempDir Path dir) throws IOException {
    SavedModel first = SavedModel.of(new double[] {0.5, -1.25, 3.0}, true, 0.01, "tron", 0.25);
    ModelIo.write(hadoop(dir.resolve("model")), conf, first);
    SavedModel read = ModelIo.read(hadoop(dir.resolve("model")), conf);
    assertEquals(2, read.numFeatures());
    assertArrayEquals(new double[] {0.5, -1.25}, read.coefficients(), 0.0);
    assertEquals(3.0, read.intercept());
    assertArrayEquals(new double[] {0.5, -1.25, 3.0}, read.point(), 0.0);
    SavedModel second = SavedModel.of(new double[] {1, 2, 3, 4}, false, 0.0, "lbfgs", 0.5);
    ModelIo.write(hadoop(dir.resolve("model")), conf, second);
    assertArrayEquals(new double[] {1, 2, 3, 4}, ModelIo.read(hadoop(dir.resolve("model")), conf).coefficients());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "temporary or old copies left behind");
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
    assertThrows(java.io.FileNotFoundException.class, () -> ModelIo.read(hadoop(dir.resolve("none")), conf));
  }
}
