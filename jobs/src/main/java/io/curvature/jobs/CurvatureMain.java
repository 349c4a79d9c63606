package io.curvature.jobs;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The spark-submit entry point: {@code spark-submit --class io.curvature.jobs.CurvatureMain curvature-jobs.jar
 * <command> ...}. Exit codes: 0 converged (or done); 1 bad input or I/O error; 2 bad usage; 3 not converged within
 * the budget (the model is still written); 4 the solver stopped on a numerical failure (nothing written); 5 the
 * infrastructure failed (cluster or file system unreachable, executors lost beyond Spark's retries): retry later;
 * 143 stopped by SIGTERM.
 */
@Command(name = "curvature", mixinStandardHelpOptions = true, versionProvider = CurvatureMain.Version.class,
    description = "Second-order optimization of generalized linear models (logistic, multinomial, linear, Poisson, "
        + "SVM) on Spark.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DemoCommand.class,
        GenerateCommand.class, DiagnoseCommand.class, io.curvature.jobs.bench.BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class CurvatureMain implements Runnable {
  public static final int OK = 0;
  public static final int INPUT_ERROR = 1;
  public static final int USAGE = 2;
  public static final int NOT_CONVERGED = 3;
  public static final int SOLVER_FAILED = 4;
  public static final int INFRASTRUCTURE = 5;
  public static final int TERMINATED = 143;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** No command given: the usage, and exit 2 (a scheduler must not read it as success). */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: train, evaluate, predict, "
        + "demo, generate or benchmark (curvature help COMMAND for its options)");
  }

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> Failures.terminating = true, "curvature-signal"));
    int code = execute(args);
    if (!Failures.terminating) {
      System.exit(code);
    }
  }

  /** Runs a command line and returns its exit code (tests call this; main exits with it). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new CurvatureMain());
    cli.setCaseInsensitiveEnumValuesAllowed(true);      // --precision float32 as the README writes it
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("error: " + Failures.describe(e));
      err.flush();
      return Failures.exitCode(e);
    });
    String[] expanded;
    try {
      expanded = JobConfig.expand(cli, args);
    } catch (CommandLine.ParameterException e) {
      cli.getErr().println("error: " + e.getMessage());
      return USAGE;
    }
    return cli.execute(expanded);
  }

  /** Version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"curvature " + version()};
    }
  }

  /** This build's version (the jar's manifest), or "development". */
  public static String version() {
    String v = CurvatureMain.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
