package io.curvature.workers;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every hot kernel on a small made-up block, in a background thread, so that the JIT has compiled them before
 * the first real pass. A cold JVM runs its first passes interpreted and then on code compiled in the middle of the
 * work: the first value+gradient+sample-Hessian pass over Fashion-MNIST took 1.7 to 2.3 s against 0.37 s warm, and
 * the Vector API (netlib's dgemm under the Gram kernels) is slowest of all before C2 compiles it. Started while the
 * JVM is busy elsewhere (Spark starting, data loading, mostly one thread), the warm-up uses a core that would idle.
 *
 * <p>The block is {@link #ROWS} x {@link #DIM}: wide enough that the Gram's dgemm panels take netlib's blocked path
 * (m n k above 10^6), as they do on real data. Results are thrown away; the data is never touched.
 */
public final class KernelWarmup {
  static final int ROWS = 256;
  static final int DIM = 256;
  static final int NNZ_PER_ROW = 96;
  /** Rounds of every kernel: enough for C2 to compile the loops (about 0.3 s of one core once compiled). */
  static final int ROUNDS = 60;

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private KernelWarmup() {}

  /**
   * Starts the warm-up once per JVM in a low-priority daemon thread; later calls do nothing, and so does every call
   * with the system property {@code curvature.kernelWarmup=false}.
   */
  public static void startInBackground() {
    if (!Boolean.parseBoolean(System.getProperty("curvature.kernelWarmup", "true"))
        || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(KernelWarmup::run, "curvature-kernel-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /** Whether {@link #startInBackground()} has been called in this JVM. */
  public static boolean started() {
    return STARTED.get();
  }

  /** Runs the warm-up in the calling thread; returns a checksum of its results (so nothing is optimized away). */
  public static double run() {
    CsrBlock binary = block(false);
    CsrBlock classes = block(true);
    Block[] blocks = {binary, binary.toFloat32(), classes};
    RowLoss[] losses = {LogisticLoss.INSTANCE, LogisticLoss.INSTANCE, new SoftmaxLoss(3)};
    double checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int b = 0; b < blocks.length; b++) {
        checksum += round(blocks[b], losses[b], round);
      }
    }
    return checksum;
  }

  private static double round(Block block, RowLoss loss, int round) {
    int dim = DIM * loss.outputs();
    double[] w = new double[dim];
    double[] v = new double[dim];
    for (int j = 0; j < dim; j++) {
      w[j] = 1e-3 * ((j + round) % 7 - 3);
      v[j] = 1.0 / (1 + j);
    }
    long key = round;
    boolean gram = round % 6 == 0;                    // a Gram is the heavy kernel: a sixth of the rounds suffices
    LossPartial p = new LossPartial(dim, round % 2 == 0, gram ? 1 + round % 12 / 6 * 5 : 0);
    BlockKernels.valueGradient(block, loss, w, false, key, p);
    double[] out = new double[dim];
    BlockKernels.hessianVector(block, loss, w, false, key, v, out);
    BlockKernels.hessianVector(block, loss, w, false, key, v, out, 10, round % 10);
    BlockKernels.hessianDiagonal(block, loss, w, false, key, out);
    return p.loss() + out[0] + (gram ? p.gram().lower()[0] : 0);
  }

  /** Labels +-1 (binary) or classes 0 to 2. */
  private static CsrBlock block(boolean classes) {
    SplittableRandom random = new SplittableRandom(17);
    CsrBlock.Builder builder = new CsrBlock.Builder();
    int[] columns = new int[NNZ_PER_ROW];
    double[] values = new double[NNZ_PER_ROW];
    for (int i = 0; i < ROWS; i++) {
      int start = random.nextInt(DIM / 4);
      for (int k = 0; k < NNZ_PER_ROW; k++) {
        columns[k] = start + k * (DIM - start) / NNZ_PER_ROW;
        values[k] = random.nextDouble();
      }
      builder.addRow(classes ? i % 3 : 2 * (i % 2) - 1, 1.0, columns, values, NNZ_PER_ROW);
    }
    return builder.build(DIM);
  }
}
