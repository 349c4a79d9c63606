package io.curvature.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiblinearRunsTest {
  private static final String HEADER = "solver_type L2R_LR\nnr_class 2\n";

  @Test
  void weightsAreOrientedToScoreThePositiveClassAndPadded(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pos.model"), HEADER + "label 1 -1\nnr_feature 3\nbias -1\nw\n0.5\n-1\n2\n");
    Files.writeString(dir.resolve("neg.model"), HEADER + "label -1 1\nnr_feature 3\nbias -1\nw\n0.5 \n-1 \n2 \n");
    assertArrayEquals(new double[] {0.5, -1, 2, 0}, LiblinearRuns.weights(dir.resolve("pos.model"), 4), 0.0);
    assertArrayEquals(new double[] {-0.5, 1, -2, 0}, LiblinearRuns.weights(dir.resolve("neg.model"), 4), 0.0);
  }

  @Test
  void rejectsModelsOfAnotherProblem(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bias.model"), HEADER + "label 1 -1\nnr_feature 1\nbias 1\nw\n0.5\n0.1\n");
    IOException bias = assertThrows(IOException.class, () -> LiblinearRuns.weights(dir.resolve("bias.model"), 2));
    assertTrue(bias.getMessage().contains("bias"), bias.getMessage());
    Files.writeString(dir.resolve("wide.model"), HEADER + "label 1 -1\nnr_feature 9\nbias -1\nw\n");
    assertThrows(IOException.class, () -> LiblinearRuns.weights(dir.resolve("wide.model"), 2));
  }

  @Test
  void readsTheRunsTableAndNamesABadLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("runs.tsv"), "# eps\tseconds\tmodel\nload\t3.5\tm0\n1e-2\t7.25\tm1\n");
    List<LiblinearRuns.Run> runs = LiblinearRuns.read(dir.resolve("runs.tsv"));
    assertEquals(2, runs.size());
    assertEquals(7.25, runs.get(1).wallSeconds());
    assertEquals(dir.resolve("m1"), runs.get(1).model());
    Files.writeString(dir.resolve("bad.tsv"), "load\t3.5\tm0\n1e-2\tfast\tm1\n");
    IOException e = assertThrows(IOException.class, () -> LiblinearRuns.read(dir.resolve("bad.tsv")));
    assertTrue(e.getMessage().contains("bad.tsv:2:"), e.getMessage());
  }
}
