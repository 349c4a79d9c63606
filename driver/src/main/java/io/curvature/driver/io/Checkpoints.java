package io.curvature.driver.io;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A solver's state on disk, {@code DIR/checkpoint.json}, written atomically: the {@link SolverState} as it is (the
 * point, the counts, the history and the method's memory, tagged by its kind), with a hash of the settings and a
 * fingerprint of the data it was made with. Doubles are written in the shortest form that reads back to the same
 * bits, so a resumed run continues exactly. Version 1 files (the state flattened by hand) are still read.
 */
public final class Checkpoints {
  public static final String FILE = "checkpoint.json";
  static final int VERSION = 2;

  /** The memory's record is named in the file ("kind"), so each kind reads back as itself. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({@JsonSubTypes.Type(value = SolverState.None.class, name = "none"),
      @JsonSubTypes.Type(value = SolverState.QuasiNewton.class, name = "quasi-newton"),
      @JsonSubTypes.Type(value = SolverState.TrustRegion.class, name = "trust-region")})
  private interface MemoryKinds {}

  /** Json's settings, with the memory's kinds: the solvers' records carry no serialization annotations. */
  static final ObjectMapper MAPPER = Json.MAPPER.copy().addMixIn(SolverState.Memory.class, MemoryKinds.class);

  private Checkpoints() {}

  /** The file's record. */
  public record Checkpoint(int formatVersion, String configHash, String dataFingerprint, SolverState state) {
    /** The solver that made it (auto's choice, for a run auto started). */
    public String solver() {
      return state.solver();
    }

    public int iteration() {
      return state.iteration();
    }
  }

  public static Checkpoint of(SolverState s, String configHash, String dataFingerprint) {
    return new Checkpoint(VERSION, configHash, dataFingerprint, s);
  }

  public static void write(String dir, Configuration conf, Checkpoint c) throws IOException {
    AtomicFiles.writeFile(new Path(dir, FILE), conf, MAPPER.writeValueAsBytes(c));
  }

  /** The checkpoint in {@code dir}; a clear error when there is none or it is of a format this build cannot read. */
  public static Checkpoint read(String dir, Configuration conf) throws IOException {
    Path file = new Path(dir, FILE);
    if (!file.getFileSystem(conf).exists(file)) {
      throw new FileNotFoundException(file + ": no checkpoint to resume from");
    }
    JsonNode tree;
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      tree = MAPPER.readTree(in);
    }
    return parse(tree, file.toString());
  }

  static Checkpoint parse(JsonNode tree, String source) throws IOException {
    int version = tree.path("formatVersion").asInt(-1);
    try {
      return switch (version) {
        case 1 -> MAPPER.treeToValue(tree, Version1.class).checkpoint();
        case VERSION -> MAPPER.treeToValue(tree, Checkpoint.class);
        default -> throw new IOException(source + ": checkpoint format " + (version < 0 ? "missing" : version)
            + ", this Curvature reads formats 1 and " + VERSION + "; start afresh without --resume");
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(source + ": not a checkpoint of format " + version + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Format 1: the state flattened by hand, the memory kind saying which fields hold it. Its trust-region fields
   * firstStep and cgSinceAccept were always false and 0 (a state is saved after an accepted step) and are dropped.
   */
  private record Version1(int formatVersion, String configHash, String dataFingerprint, String solver,
      int iteration, double[] point, double objective, double stationarity, double initialStationarity, long passes,
      double seconds, String memory, List<double[]> pairsS, List<double[]> pairsY, Double radius, Boolean firstStep,
      Integer cgSinceAccept, double[] preconditionerPoint, Integer cgBaseline, Integer cgExcess,
      List<IterationRecord> history, double[] scalingPoint, Integer scalingSteps) {
    Checkpoint checkpoint() {
      SolverState.Memory m = switch (memory) {
        // written before the diagonal was refreshed on a schedule: a fresh one at the first point
        case "quasi-newton" -> new SolverState.QuasiNewton(pairsS, pairsY, scalingPoint,
            scalingSteps == null ? 0 : scalingSteps);
        // written before the rebuild decision was kept: the preconditioner counts as not yet tried
        case "trust-region" -> new SolverState.TrustRegion(radius, preconditionerPoint,
            cgBaseline == null ? -1 : cgBaseline, cgExcess == null ? 0 : cgExcess);
        default -> new SolverState.None();
      };
      return new Checkpoint(formatVersion, configHash, dataFingerprint, new SolverState(solver, iteration, point,
          objective, stationarity, initialStationarity, passes, seconds, m, history));
    }
  }
}
