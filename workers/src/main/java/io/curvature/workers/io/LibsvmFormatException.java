package io.curvature.workers.io;

/**
 * A LIBSVM line that cannot be read. Carries where (file, byte offset of the line, and once known its 1-based line
 * number) and what is wrong, and prints as {@code file:line: what}, the shape compilers and LIBLINEAR use.
 */
public final class LibsvmFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long lineOffset;
  private final long lineNumber;
  private final String problem;

  public LibsvmFormatException(String problem) {
    this(null, -1, -1, problem);
  }

  public LibsvmFormatException(String file, long lineOffset, long lineNumber, String problem) {
    super(describe(file, lineOffset, lineNumber, problem));
    this.file = file;
    this.lineOffset = lineOffset;
    this.lineNumber = lineNumber;
    this.problem = problem;
  }

  private static String describe(String file, long offset, long line, String problem) {
    if (file == null) {
      return problem;
    }
    if (line > 0) {
      return file + ":" + line + ": " + problem;
    }
    return file + ": line at byte " + offset + ": " + problem;
  }

  /** The same problem located in {@code file} at the line starting at byte {@code offset}. */
  public LibsvmFormatException at(String file, long offset) {
    return new LibsvmFormatException(file, offset, -1, problem);
  }

  /** The same problem with its line number resolved. */
  public LibsvmFormatException withLineNumber(long line) {
    return new LibsvmFormatException(file, lineOffset, line, problem);
  }

  public String file() {
    return file;
  }

  public long lineOffset() {
    return lineOffset;
  }

  public long lineNumber() {
    return lineNumber;
  }

  public String problem() {
    return problem;
  }
}
