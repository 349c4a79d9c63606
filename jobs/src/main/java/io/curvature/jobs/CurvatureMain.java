package io.curvature.jobs;

import io.curvature.workers.io.LibsvmFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The spark-submit entry point: {@code spark-submit --class io.curvature.jobs.CurvatureMain curvature-jobs.jar
 * <command> ...}. Exit codes: 0 converged, 1 bad input or I/O error, 2 bad usage, 3 not converged within the budget
 * (the model is still written), 4 the solver stopped on a numerical failure.
 */
@Command(name = "curvature", mixinStandardHelpOptions = true, versionProvider = CurvatureMain.Version.class,
    description = "Second-order optimization (Newton-CG, trust-region Newton, L-BFGS) of logistic regression on Spark.",
    subcommands = {TrainCommand.class, DemoCommand.class, GenerateCommand.class,
        io.curvature.jobs.bench.BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class CurvatureMain implements Runnable {
  public static final int OK = 0;
  public static final int INPUT_ERROR = 1;
  public static final int USAGE = 2;
  public static final int NOT_CONVERGED = 3;
  public static final int SOLVER_FAILED = 4;

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this; main exits with it). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new CurvatureMain());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("error: " + describe(e));
      err.flush();
      return INPUT_ERROR;
    });
    return cli.execute(args);
  }

  /** The sentence a user needs: a located format error when there is one, else the failure's own message. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LibsvmFormatException) {
        return t.getMessage();
      }
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** Version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CurvatureMain.class.getPackage().getImplementationVersion();
      return new String[] {"curvature " + (v == null ? "development" : v)};
    }
  }
}
