package io.curvature.workers;

import java.io.Serializable;

/**
 * The loss of one row as a function of its margins, the part of a model that differs between logistic, least
 * squares, Poisson, squared hinge and softmax: kernels call it once per row, so the loops over stored values stay
 * loss-free (LIBLINEAR's {@code l2r_erm_fun} shape). Implementations are stateless and serializable: they travel to
 * executors inside every pass's closure.
 */
public interface RowLoss extends Serializable {
  /** The name used in reports. */
  String name();

  /** Margins per row: 1 for {@link MarginLoss}, K for a K-class {@link MultiOutputLoss}. */
  int outputs();

  /** The labels this loss accepts and how they are stored. */
  LabelDomain labelDomain();

  /**
   * Whether the loss is convex in the margins, so that its curvature weights are >= 0 and the Hessian of a sum of it
   * positive semidefinite. A non-convex loss (sigmoid) makes its objective non-convex ({@code Objective.convex()}).
   */
  default boolean convex() {
    return true;
  }

  /** Doubles of curvature state kept per row between the gradient pass and the Hessian passes at the same point. */
  default int stateSize() {
    return outputs();
  }
}
