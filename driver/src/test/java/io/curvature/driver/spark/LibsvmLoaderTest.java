package io.curvature.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.testing.TestSpark;
import io.curvature.workers.DenseBlock;
import io.curvature.workers.LabelDomain;
import io.curvature.workers.io.LibsvmFormatException;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmLoaderTest {
  private static List<String> lines(int count, int features, boolean dense, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder(rng.nextBoolean() ? "+1" : "-1");
      for (int j = 1; j <= features; j++) {
        if (dense || rng.nextDouble() < 0.2) {
          b.append(' ').append(j).append(':').append(Math.round(rng.nextDouble() * 1000) / 1000.0 + 0.001);
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void readsAFolderOfPartsIntoTheRequestedPartitions(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("part-1.libsvm"), lines(300, 40, false, 1));
    Files.write(dir.resolve("part-2.libsvm"), lines(200, 50, false, 2));
    Files.writeString(dir.resolve("_SUCCESS"), "");            // Hadoop markers are not data
    try (LoadedData data = LibsvmLoader.load(TestSpark.context(), dir.toString(), 5, 0, LibsvmLoader.Layout.AUTO)) {
      assertEquals(500, data.sums().summary().rows());
      assertEquals(50, data.sums().summary().numFeatures());
      assertEquals(5, data.sums().partitions());
      assertTrue(data.sums().summary().bytesPerNonzero() > 12 && data.sums().summary().bytesPerNonzero() < 16);
    }
  }

  @Test
  void packsDenseDataIntoDenseBlocks(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("dense.libsvm"), lines(100, 8, true, 3));
    try (LoadedData data = LibsvmLoader.load(TestSpark.context(), dir.resolve("dense.libsvm").toString(), 2, 0,
        LibsvmLoader.Layout.AUTO)) {
      assertTrue(data.sums().blocks().collect().stream().allMatch(b -> b instanceof DenseBlock));
      assertEquals(8.0 * 100 * 8 + 8.0 * 100, data.sums().summary().cachedBytes());
    }
  }

  @Test
  void aBadLineIsReportedWithItsFileAndLineNumber(@TempDir Path dir) throws Exception {
    List<String> rows = lines(120, 30, false, 4);
    rows.set(56, "+1 4:1 2:0.5");                                // line 57
    Files.write(dir.resolve("a.libsvm"), lines(50, 30, false, 5));
    Files.write(dir.resolve("b.libsvm"), rows);
    LibsvmFormatException e = assertThrows(LibsvmFormatException.class,
        () -> LibsvmLoader.load(TestSpark.context(), dir.toString(), 3, 0, LibsvmLoader.Layout.AUTO));
    assertTrue(e.getMessage().endsWith("b.libsvm:57: feature index 2 does not increase (after 4)"), e.getMessage());
  }

  /** A declared dimension above the largest index is the model's dimension in every layout. */
  @Test
  void declaredFeaturesFixTheDimensionInEveryLayout(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("d.libsvm"), lines(60, 6, true, 7));
    for (LibsvmLoader.Layout layout : LibsvmLoader.Layout.values()) {
      try (LoadedData data = LibsvmLoader.load(TestSpark.context(), dir.resolve("d.libsvm").toString(), 2, 9,
          layout)) {
        assertEquals(9, data.sums().summary().numFeatures(), layout.toString());
      }
    }
  }

  @Test
  void labelsOutsideTheModelsDomainAreReportedWithTheirLine(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("m.libsvm"), List.of("0 1:1", "2 2:1", "1.5 1:2", "1 2:2"));
    LibsvmFormatException e = assertThrows(LibsvmFormatException.class, () -> LibsvmLoader.load(
        TestSpark.context(), dir.resolve("m.libsvm").toString(), 1, 0, LibsvmLoader.Layout.AUTO,
        LibsvmLoader.Precision.FLOAT64, LabelDomain.CLASS_INDEX));
    assertTrue(e.getMessage().endsWith("m.libsvm:3: label '1.5' is not a class index (expected 0, 1, 2, ...)"),
        e.getMessage());
    try (LoadedData data = LibsvmLoader.load(TestSpark.context(), dir.resolve("m.libsvm").toString(), 1, 0,
        LibsvmLoader.Layout.AUTO, LibsvmLoader.Precision.FLOAT64, LabelDomain.REAL)) {
      assertEquals(4.5, data.sums().summary().labels().weightedSum(), 0.0);
    }
  }

  @Test
  void missingPathsAndTooManyFeaturesAreClearErrors(@TempDir Path dir) throws Exception {
    FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> LibsvmLoader.load(
        TestSpark.context(), dir.resolve("nope").toString(), 0, 0, LibsvmLoader.Layout.AUTO));
    assertTrue(missing.getMessage().contains("nope: no such file"), missing.getMessage());
    Files.write(dir.resolve("x.libsvm"), List.of("+1 1:1 9:2", "-1 2:1"));
    LibsvmFormatException wide = assertThrows(LibsvmFormatException.class, () -> LibsvmLoader.load(
        TestSpark.context(), dir.resolve("x.libsvm").toString(), 0, 5, LibsvmLoader.Layout.AUTO));
    assertTrue(wide.getMessage().endsWith("x.libsvm:1: feature index 9 exceeds the 5 features given"),
        wide.getMessage());
  }
}
