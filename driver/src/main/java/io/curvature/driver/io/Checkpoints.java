package io.curvature.driver.io;

import io.curvature.driver.solvers.IterationRecord;
import io.curvature.driver.solvers.SolverState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A solver's state on disk, {@code DIR/checkpoint.json}, written atomically: the point, the method's memory (L-BFGS
 * pairs and the point of their diagonal scaling, the trust region and the point of its preconditioner), the counts
 * and the history, with a hash of the settings and a fingerprint of the data it was made with. Doubles are written in
 * the shortest form that reads back to the same bits, so a resumed run continues exactly.
 */
public final class Checkpoints {
  public static final String FILE = "checkpoint.json";
  static final int VERSION = 1;

  private Checkpoints() {}

  /** The file's record (flat, for Jackson; the memory kind says which of its fields hold the method's memory). */
  public record Checkpoint(int formatVersion, String configHash, String dataFingerprint, String solver,
      int iteration, double[] point, double objective, double stationarity, double initialStationarity, long passes,
      double seconds, String memory, List<double[]> pairsS, List<double[]> pairsY, Double radius, Boolean firstStep,
      Integer cgSinceAccept, double[] preconditionerPoint, Integer cgBaseline, Integer cgExcess,
      List<IterationRecord> history, double[] scalingPoint, Integer scalingSteps) {

    /** The solver state this checkpoint holds. */
    public SolverState state() {
      SolverState.Memory m = switch (memory) {
        // Checkpoints written before the diagonal was refreshed on a schedule have neither: a resumed run takes a
        // fresh one at its first point and starts the schedule over.
        case "quasi-newton" -> new SolverState.QuasiNewton(pairsS, pairsY, scalingPoint,
            scalingSteps == null ? 0 : scalingSteps);
        // Checkpoints written before the rebuild decision was kept have neither count: the preconditioner counts
        // as not yet tried.
        case "trust-region" -> new SolverState.TrustRegion(radius, firstStep, cgSinceAccept, preconditionerPoint,
            cgBaseline == null ? -1 : cgBaseline, cgExcess == null ? 0 : cgExcess);
        default -> new SolverState.None();
      };
      return new SolverState(solver, iteration, point, objective, stationarity, initialStationarity, passes, seconds,
          m, history);
    }
  }

  public static Checkpoint of(SolverState s, String configHash, String dataFingerprint) {
    String memory = "none";
    List<double[]> ps = null;
    List<double[]> py = null;
    Double radius = null;
    Boolean first = null;
    Integer cg = null;
    double[] at = null;
    Integer baseline = null;
    Integer excess = null;
    double[] scalingAt = null;
    Integer scalingSteps = null;
    if (s.memory() instanceof SolverState.QuasiNewton q) {
      memory = "quasi-newton";
      ps = q.s();
      py = q.y();
      scalingAt = q.scalingPoint();
      scalingSteps = q.steps();
    } else if (s.memory() instanceof SolverState.TrustRegion t) {
      memory = "trust-region";
      radius = t.radius();
      first = t.firstStep();
      cg = t.cgSinceAccept();
      at = t.preconditionerPoint();
      baseline = t.cgBaseline();
      excess = t.cgExcess();
    }
    return new Checkpoint(VERSION, configHash, dataFingerprint, s.solver(), s.iteration(), s.point(), s.objective(),
        s.stationarity(), s.initialStationarity(), s.passes(), s.seconds(), memory, ps, py, radius, first, cg, at,
        baseline, excess, s.history(), scalingAt, scalingSteps);
  }

  public static void write(String dir, Configuration conf, Checkpoint c) throws IOException {
    Json.write(new Path(dir, FILE), conf, c);
  }

  /** The checkpoint in {@code dir}; a clear error when there is none. */
  public static Checkpoint read(String dir, Configuration conf) throws IOException {
    Path file = new Path(dir, FILE);
    if (!file.getFileSystem(conf).exists(file)) {
      throw new FileNotFoundException(file + ": no checkpoint to resume from");
    }
    Checkpoint c = Json.read(file, conf, Checkpoint.class);
    if (c.formatVersion() != VERSION) {
      throw new IOException(file + ": checkpoint format " + c.formatVersion() + ", expected " + VERSION);
    }
    return c;
  }
}
