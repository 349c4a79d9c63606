package io.curvature.workers;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The BLAS the dense kernels call. Spark's netlib picks a native library whenever libblas.so.3 loads, but on Debian
 * that is often the reference BLAS (libblas3, pulled in by R or LAPACK packages): native, unoptimized, and slower
 * than the JDK Vector API at dsyrk. So a native library is used only when it is not the reference one; otherwise
 * netlib's Java implementation (the Vector API when jdk.incubator.vector is enabled, else plain Java).
 */
public final class Blas {
  private static final String REFERENCE = "reference BLAS";
  private static final BLAS NETLIB = BLAS.getInstance();
  private static final String LIBRARY = nativeLibrary();
  private static final BLAS INSTANCE = choose();

  private Blas() {}

  /** The BLAS to call. */
  public static BLAS get() {
    return INSTANCE;
  }

  /** Whether it is a native library (an optimized one: the reference BLAS is never chosen). */
  public static boolean isNative() {
    return isJni(INSTANCE);
  }

  private static boolean isJni(BLAS blas) {
    return blas.getClass().getSimpleName().equals("JNIBLAS");
  }

  /** Its class name: JNIBLAS (native), VectorBLAS, Java11BLAS or Java8BLAS. */
  public static String name() {
    return INSTANCE.getClass().getSimpleName();
  }

  /**
   * The native library netlib found (path and kind, e.g. "/usr/lib/.../libblas.so.3, reference BLAS"), whether or
   * not it is used, or null when none was found.
   */
  public static String library() {
    return LIBRARY;
  }

  /**
   * Rate of a rank-128 Gram update as the kernels run it (dsyrk natively, {@link GramAccumulator#update} on the JVM),
   * flop/s on one core: what a dense Hessian or Gram pass costs here.
   */
  public static double dsyrkFlopsPerCore(int dimension) {
    return gramFlopsPerCore(dimension, false);
  }

  /** As {@link #dsyrkFlopsPerCore} for a sample Gram (a preconditioner's: loops on a JVM without the Vector API). */
  public static double sampleGramFlopsPerCore(int dimension) {
    return gramFlopsPerCore(dimension, true);
  }

  /**
   * {dsyrk rate, sample Gram rate} as above, measured once when the two run the same kernel (a native dsyrk, or the
   * Vector API kernel on the JVM): in a cold JVM the first measurement also pays for compiling the kernel.
   */
  public static double[] gramRatesPerCore(int dimension) {
    double full = gramFlopsPerCore(dimension, false);
    boolean same = isNative() || GramAccumulator.vectorKernelRuns();
    return new double[] {full, same ? full : gramFlopsPerCore(dimension, true)};
  }

  private static double gramFlopsPerCore(int dimension, boolean sample) {
    int dim = Math.max(1, Math.min(dimension, 1024));
    int k = 128;
    double[] a = new double[dim * k];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i % 7) * 0.1;
    }
    double[] c = new double[dim * dim];
    double[] scratch = new double[GramAccumulator.scratchLength(dim)];
    double best = Double.POSITIVE_INFINITY;
    for (int run = 0; run < 4; run++) {
      long t = System.nanoTime();
      GramAccumulator.update(sample, dim, k, 1.0, a, c, scratch);
      best = Math.min(best, (System.nanoTime() - t) * 1e-9);
    }
    return (double) dim * dim * k / Math.max(best, 1e-9);  // dsyrk does dim^2 k flops (half of a full product x2)
  }

  /**
   * The system property {@code curvature.blas}: {@code java} always runs the JVM kernels (to compare them with a
   * native library on the same machine), {@code native} takes whatever netlib loaded, even the reference BLAS;
   * anything else, the rule above.
   */
  private static BLAS choose() {
    String wanted = System.getProperty("curvature.blas", "auto");
    if (wanted.equals("java")) {
      return JavaBLAS.getInstance();
    }
    boolean reference = LIBRARY != null && LIBRARY.endsWith(REFERENCE);
    return isJni(NETLIB) && reference && !wanted.equals("native") ? JavaBLAS.getInstance() : NETLIB;
  }

  /**
   * The BLAS library netlib's JNI layer loaded: the libblas.so.3 mapped into this process (read from
   * /proc/self/maps, so LD_LIBRARY_PATH and Debian's alternatives are both seen as they took effect), else the one
   * the dynamic linker would find first, Debian's alternatives symlink resolved.
   */
  private static String nativeLibrary() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int slash = line.indexOf('/');
        if (slash >= 0 && (line.contains("libblas.so") || line.contains("libopenblas"))) {
          return describe(Path.of(line.substring(slash).trim()).toRealPath().toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: fall back to the linker's search path below
    }
    for (String dir : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
        "/usr/lib"}) {
      Path link = Path.of(dir, "libblas.so.3");
      if (Files.exists(link)) {
        try {
          return describe(link.toRealPath().toString());
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String describe(String real) {
    String kind = real.contains("openblas") ? "OpenBLAS" : real.contains("mkl") ? "MKL"
        : real.contains("blis") ? "BLIS" : real.contains("atlas") ? "ATLAS"
        : real.contains("/blas/") ? REFERENCE : "unknown";
    return real + ", " + kind;
  }
}
