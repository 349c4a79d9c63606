package io.curvature.driver.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints: every kind of memory back to the bit, the first format still read, others refused by name. */
class CheckpointsTest {
  private static final Configuration CONF = new Configuration();
  private static final double[] POINT = {0.1, -1.0 / 3, Math.PI * 1e-300, -0.0, 7e22};
  private static final List<IterationRecord> HISTORY = List.of(new IterationRecord(0, 0.69, 1.4, 0, 0, 0, 1, 0.01),
      new IterationRecord(1, 0.3 + 1e-17, 0.2, 0.5, 1.0 / 3, 4, 6, 0.25));

  private static SolverState state(SolverState.Memory memory) {
    return new SolverState("tron", 1, POINT, 0.3 + 1e-17, 0.2, 1.4, 6, 0.25, memory, HISTORY);
  }

  private static SolverState roundTrip(SolverState s, Path dir) throws IOException {
    Checkpoints.write(dir.toString(), CONF, Checkpoints.of(s, "settings", "data"));
    Checkpoints.Checkpoint back = Checkpoints.read(dir.toString(), CONF);
    assertEquals(Checkpoints.VERSION, back.formatVersion());
    assertEquals("settings", back.configHash());
    assertEquals("data", back.dataFingerprint());
    return back.state();
  }

  private static void assertSameState(SolverState expected, SolverState actual) {
    assertEquals(expected.solver(), actual.solver());
    assertEquals(expected.iteration(), actual.iteration());
    assertArrayEquals(expected.point(), actual.point(), 0.0);
    for (int j = 0; j < POINT.length; j++) {
      assertEquals(Double.doubleToRawLongBits(expected.point()[j]), Double.doubleToRawLongBits(actual.point()[j]));
    }
    assertEquals(expected.objective(), actual.objective(), 0.0);
    assertEquals(expected.initialStationarity(), actual.initialStationarity(), 0.0);
    assertEquals(expected.passes(), actual.passes());
    assertEquals(expected.history(), actual.history());
  }

  @Test
  void everyKindOfMemoryComesBackToTheBit(@TempDir Path dir) throws IOException {
    SolverState none = state(new SolverState.None());
    assertSameState(none, roundTrip(none, dir));
    assertTrue(roundTrip(none, dir).memory() instanceof SolverState.None);

    SolverState qn = state(new SolverState.QuasiNewton(List.of(POINT, new double[] {1, 2, 3, 4, 5}),
        List.of(new double[] {5, 4, 3, 2, 1e-310}, POINT), POINT, 17));
    SolverState backQn = roundTrip(qn, dir);
    assertSameState(qn, backQn);
    SolverState.QuasiNewton q = (SolverState.QuasiNewton) backQn.memory();
    assertArrayEquals(POINT, q.s().get(0), 0.0);
    assertEquals(1e-310, q.y().get(0)[4], 0.0);
    assertArrayEquals(POINT, q.scalingPoint(), 0.0);
    assertEquals(17, q.steps());

    SolverState tr = state(new SolverState.TrustRegion(0.1 + 0.2, POINT, 3, 11));
    SolverState backTr = roundTrip(tr, dir);
    assertSameState(tr, backTr);
    SolverState.TrustRegion t = (SolverState.TrustRegion) backTr.memory();
    assertEquals(0.1 + 0.2, t.radius(), 0.0);
    assertArrayEquals(POINT, t.preconditionerPoint(), 0.0);
    assertEquals(3, t.cgBaseline());
    assertEquals(11, t.cgExcess());
    String text = Files.readString(dir.resolve(Checkpoints.FILE));
    assertTrue(text.contains("\"kind\" : \"trust-region\""), text);
  }

  @Test
  void aFirstFormatCheckpointIsStillRead(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(Checkpoints.FILE), """
        {"formatVersion" : 1, "configHash" : "h", "dataFingerprint" : "f", "solver" : "tron", "iteration" : 1,
         "point" : [0.5, -2.0], "objective" : 0.25, "stationarity" : 0.01, "initialStationarity" : 1.5,
         "passes" : 9, "seconds" : 0.5, "memory" : "trust-region", "pairsS" : null, "pairsY" : null,
         "radius" : 0.75, "firstStep" : false, "cgSinceAccept" : 0, "preconditionerPoint" : [0.5, -2.0],
         "cgBaseline" : 2, "cgExcess" : 1,
         "history" : [{"iteration" : 0, "objective" : 0.69, "gradientNorm" : 1.5, "stepNorm" : 0.0,
                       "stepSize" : 0.0, "cgIterations" : 0, "passes" : 1, "seconds" : 0.1}],
         "scalingPoint" : null, "scalingSteps" : null}
        """);
    Checkpoints.Checkpoint c = Checkpoints.read(dir.toString(), CONF);
    assertEquals("tron", c.solver());
    assertEquals(1, c.iteration());
    assertArrayEquals(new double[] {0.5, -2.0}, c.state().point(), 0.0);
    assertEquals(new SolverState.TrustRegion(0.75, new double[] {0.5, -2.0}, 2, 1).radius(),
        ((SolverState.TrustRegion) c.state().memory()).radius(), 0.0);
    assertEquals(2, ((SolverState.TrustRegion) c.state().memory()).cgBaseline());
    assertEquals(1, c.state().history().size());
  }

  @Test
  void anotherFormatIsRefusedByName(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(Checkpoints.FILE), "{\"formatVersion\" : 9, \"state\" : null}");
    IOException e = assertThrows(IOException.class, () -> Checkpoints.read(dir.toString(), CONF));
    assertTrue(e.getMessage().contains("checkpoint format 9") && e.getMessage().contains("reads formats 1 and 2"),
        e.getMessage());
    Files.writeString(dir.resolve(Checkpoints.FILE), "{\"formatVersion\" : 2, \"configHash\" : 1, \"bogus\" : 3}");
    IOException bad = assertThrows(IOException.class, () -> Checkpoints.read(dir.toString(), CONF));
    assertTrue(bad.getMessage().contains("not a checkpoint of format 2"), bad.getMessage());
  }
}
