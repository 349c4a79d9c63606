package io.curvature.jobs;

/**
 * The process's exit codes, a contract with schedulers (docs/commands.md, "Exit codes"): what each command returns
 * and the tests assert. Kept apart from {@link CurvatureMain} so the commands, which it lists, need not point back
 * at it.
 */
public final class ExitCode {
  private ExitCode() {}

  /** Converged (or, for evaluate and predict, done); the outputs are written. */
  public static final int OK = 0;
  /** Bad input or an I/O error: a data line, a label, a missing path, a model of another kind; retrying won't help. */
  public static final int INPUT_ERROR = 1;
  /** Bad usage, found before Spark starts: an unknown option, a bad value, an output in the way. */
  public static final int USAGE = 2;
  /** Not converged within the iteration budget: the model is still written. */
  public static final int NOT_CONVERGED = 3;
  /** The solver stopped on a numerical failure. */
  public static final int SOLVER_FAILED = 4;
  /** The infrastructure failed (cluster or file system unreachable, executors lost beyond Spark's retries). */
  public static final int INFRASTRUCTURE = 5;
  /** Stopped by SIGTERM (128 + 15, as a shell reports it). */
  public static final int TERMINATED = 143;
}
