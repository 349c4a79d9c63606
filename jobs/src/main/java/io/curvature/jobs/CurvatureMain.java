package io.curvature.jobs;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The spark-submit entry point: {@code spark-submit --class io.curvature.jobs.CurvatureMain curvature-jobs.jar
 * <command> ...}, returning one of {@link ExitCode}'s codes.
 */
@Command(name = "curvature", mixinStandardHelpOptions = true, versionProvider = CurvatureMain.Version.class,
    description = "Second-order optimization of generalized linear models (logistic, multinomial, linear, Poisson, "
        + "SVM, sigmoid) on Spark.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DemoCommand.class,
        GenerateCommand.class, DiagnoseCommand.class, io.curvature.jobs.bench.BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class CurvatureMain implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** No command given: the usage, and exit 2 (a scheduler must not read it as success). */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: train, evaluate, predict, "
        + "diagnose, demo, generate or benchmark (curvature help COMMAND for its options)");
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
      return ExitCode.USAGE;
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
