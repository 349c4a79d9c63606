package io.curvature.workers;

/**
 * The labels a loss accepts, and how a raw label (as read from a file or a DataFrame) is stored in a block. Every
 * data source checks labels here, once, while packing, so that the kernels never meet a label their loss cannot
 * take and a bad one is reported with its file and line.
 */
public enum LabelDomain {
  /** Two classes: +1 for the positive class, -1 or 0 for the negative one; stored as +1 / -1. */
  BINARY {
    @Override
    public String problem(double raw) {
      return raw == 1.0 || raw == -1.0 || raw == 0.0 ? null : "is not binary (expected +1/-1 or 1/0)";
    }

    @Override
    double store(double raw) {
      return raw == 1.0 ? 1.0 : -1.0;
    }
  },
  /** Any finite number (regression). */
  REAL {
    @Override
    public String problem(double raw) {
      return Double.isFinite(raw) ? null : "is not a finite number";
    }
  },
  /** A finite number >= 0 (a count, for Poisson regression). */
  COUNT {
    @Override
    public String problem(double raw) {
      if (!Double.isFinite(raw)) {
        return "is not a finite number";
      }
      return raw >= 0 ? null : "is negative (Poisson regression needs counts >= 0)";
    }
  },
  /** A class index 0, 1, ..., {@link #MAX_CLASSES} - 1 (multinomial). */
  CLASS_INDEX {
    @Override
    public String problem(double raw) {
      if (!(raw >= 0) || raw != Math.rint(raw)) {
        return "is not a class index (expected 0, 1, 2, ...)";
      }
      return raw < MAX_CLASSES ? null : "exceeds the largest class index supported (" + (MAX_CLASSES - 1) + ")";
    }
  };

  /** Classes a multinomial model may have: K coefficients per feature are kept on the driver and every worker. */
  public static final int MAX_CLASSES = 1 << 12;

  /** What is wrong with {@code raw} as a label of this domain, completing "label 'x' ...", or null if nothing. */
  public abstract String problem(double raw);

  /** The stored form of a label that has no {@link #problem}. */
  double store(double raw) {
    return raw;
  }

  /** The stored label for {@code raw}; throws {@link IllegalArgumentException} naming the problem. */
  public final double encode(double raw) {
    String problem = problem(raw);
    if (problem != null) {
      throw new IllegalArgumentException("label " + raw + " " + problem);
    }
    return store(raw);
  }
}
