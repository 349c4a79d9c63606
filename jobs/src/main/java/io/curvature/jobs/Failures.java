package io.curvature.jobs;

import io.curvature.workers.io.LibsvmFormatException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * The exit code and the one sentence for a failure, so that a scheduler can act on the code: bad input (a file, a
 * line, a label, a model, a config) is 1; an unreachable cluster or file system, or executors lost beyond Spark's
 * retries, is 5, worth retrying later; anything else that escapes is 1 with its message.
 */
final class Failures {
  private Failures() {}

  /** Whether the process is shutting down on a signal (SIGTERM, Ctrl-C): failures are then its consequence. */
  static volatile boolean terminating;

  static int exitCode(Throwable e) {
    if (terminating) {
      return ExitCode.TERMINATED;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LibsvmFormatException || t instanceof FileNotFoundException
          || t instanceof InputException) {
        return ExitCode.INPUT_ERROR;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
          || (t.getMessage() != null && (t.getMessage().contains("ExecutorLostFailure")
              || t.getMessage().contains("All masters are unresponsive")
              || t.getMessage().contains("Could not connect to the master")))) {
        return ExitCode.INFRASTRUCTURE;
      }
    }
    return ExitCode.INPUT_ERROR;                      // an I/O error or anything else: the input's, with its message
  }

  /** The sentence a user needs: a located input error when there is one, else the innermost useful message. */
  static String describe(Throwable e) {
    if (terminating) {
      return "stopped by a signal before the run finished; nothing was written";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LibsvmFormatException || t instanceof InputException) {
        return t.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException && t.getMessage() != null && !t.getMessage().contains("\n")) {
        return t.getMessage();
      }
    }
    String message = e.getMessage() != null ? e.getMessage() : e.toString();
    int newline = message.indexOf('\n');
    String line = Redaction.redact(newline > 0 ? message.substring(0, newline) : message);
    return exitCode(e) == ExitCode.INFRASTRUCTURE
        ? "the cluster or file system failed (exit 5: retry later; nothing was written): " + line : line;
  }

  /** Bad input found by a job (a model of another kind, an empty file, a single class): exit code 1. */
  static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message);
    }

    InputException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
