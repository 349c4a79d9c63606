package io.curvature.driver.solvers;

import io.curvature.driver.linalg.Vectors;
import io.curvature.driver.objective.Evaluation;
import io.curvature.driver.objective.Extra;
import io.curvature.driver.objective.Objective;
import java.util.Optional;

/**
 * Trust-region Newton as in LIBLINEAR's TRON (Lin, Weng and Keerthi, "Trust region Newton method for large-scale
 * logistic regression", JMLR 2008): the one trust-region loop, with the subproblem solved by Steihaug CG in the norm
 * of a preconditioner: LIBLINEAR's diagonal one (Hsia, Chiang and Lin, ACML 2018) or, by default for moderate
 * dimension, the Hessian of a row sample, which cuts the CG steps (each a pass over the data) per Newton step from
 * tens to a few.
 *
 * <p>Each trial point costs one pass (value, gradient and the preconditioner's data fused) and each CG step one pass;
 * a rejected step leaves the previous evaluation in force, whose curvature the workers still hold.
 */
public final class TrustRegionSolver implements Solver {
  // Ratio thresholds and radius factors named as in the TRON paper and tron.cpp.
  private static final double ETA0 = 1e-4;
  private static final double ETA1 = 0.25;
  private static final double ETA2 = 0.75;
  private static final double SIGMA1 = 0.25;
  private static final double SIGMA2 = 0.5;
  private static final double SIGMA3 = 4.0;
  /** CG stops at ||r||_M^-1 <= 0.1 ||g||_M^-1, LIBLINEAR's eps_cg. */
  public static final double DEFAULT_CG_TOLERANCE = 0.1;
  /** CG steps per subproblem at most by default. */
  public static final int DEFAULT_MAX_CG = 1000;
  /**
   * Actual and predicted reductions both below this fraction of |f| mean no further progress is representable.
   * LIBLINEAR uses 1e-12, which stops a tight tolerance early: a reduction of 1e-13 |f| is still measured to a few
   * digits in double precision, so the bound here sits nearer to rounding.
   */
  private static final double NEGLIGIBLE_REDUCTION = 1e-15;

  /** Predicted reductions below this fraction of |f| are within the rounding error of f. */
  static final double ROUNDING_LEVEL = 1e-12;

  /**
   * The first step off a saddle where the gradient gave the region no scale: this fraction of max(1, ||w||) along
   * the direction of negative curvature (the ratio test shrinks it if the cubic terms dominate).
   */
  static final double ESCAPE_RADIUS = 0.1;

  private final StoppingTest rule;
  private final double cgTolerance;
  private final int maxCgIterations;
  private final Preconditioner.Kind preconditioner;
  private final boolean gltr;

  public TrustRegionSolver(StoppingTest rule, double cgTolerance, int maxCgIterations,
      Preconditioner.Kind preconditioner) {
    this(rule, cgTolerance, maxCgIterations, preconditioner, false);
  }

  /**
   * @param gltr solve the subproblem by truncated Lanczos ({@link GltrSubproblem}) instead of Steihaug CG
   */
  public TrustRegionSolver(StoppingTest rule, double cgTolerance, int maxCgIterations,
      Preconditioner.Kind preconditioner, boolean gltr) {
    if (!(cgTolerance > 0 && cgTolerance < 1)) {
      throw new IllegalArgumentException("CG tolerance is " + cgTolerance + ", expected in (0, 1)");
    }
    if (maxCgIterations < 1) {
      throw new IllegalArgumentException("CG iterations at most " + maxCgIterations + ", expected >= 1");
    }
    this.rule = rule;
    this.cgTolerance = cgTolerance;
    this.maxCgIterations = maxCgIterations;
    this.preconditioner = preconditioner;
    this.gltr = gltr;
  }

  public TrustRegionSolver(StoppingTest rule) {
    this(rule, DEFAULT_CG_TOLERANCE, DEFAULT_MAX_CG, Preconditioner.Kind.AUTO);
  }

  @Override
  public String name() {
    return gltr ? "tron-gltr" : "tron";
  }

  @Override
  public SolverResult minimize(Objective objective, SolverState from, IterationListener listener) {
    Solvers.refuseL1(name(), objective);
    SolverRun run = new SolverRun(name(), objective, rule, listener, from);
    // A sample Hessian of a non-convex f may be indefinite, no norm for a region: the diagonal one is kept positive.
    Preconditioner.Kind kind = !objective.convex() && preconditioner == Preconditioner.Kind.AUTO
        ? Preconditioner.Kind.DIAGONAL : preconditioner.resolve(objective);
    run.usePreconditioner(kind);
    boolean dense = kind == Preconditioner.Kind.SAMPLE_HESSIAN;
    // A dense preconditioner is kept while it preconditions well, and rebuilt when the CG steps it has cost beyond
    // what it needed in its first subproblem, summed since it was built, exceed what a rebuild costs in passes (the
    // Gram in the trial point's pass and the Cholesky; about 8 on Fashion-MNIST binary): rent until the rent paid
    // would have bought the rebuild. The decision counts CG steps only, so a run's passes do not depend on the
    // machine's load, and a resumed run decides as the uninterrupted one.
    double rebuildPasses = dense ? objective.sampleHessianRebuildPasses() : 0;
    Extra extra = kind.extra();
    int iteration = from.iteration();
    run.describe(iteration - 1);
    // A resumed run whose preconditioner was built elsewhere rebuilds it there: no Gram at the current point.
    boolean builtElsewhere = from.memory() instanceof SolverState.TrustRegion tr
        && tr.preconditionerPoint() != null && !java.util.Arrays.equals(tr.preconditionerPoint(), from.point());
    Evaluation current = objective.evaluate(from.point(), builtElsewhere ? Extra.NONE : extra);
    run.begin(current);
    double radius;
    boolean firstStep;
    int cgSinceLastAccept;
    Preconditioner m;
    double[] preconditionerPoint;
    int cgBaseline = -1;                               // CG steps of the first subproblem under m; -1 before it
    int cgExcess = 0;                                  // CG steps beyond the baseline since then
    if (from.memory() instanceof SolverState.TrustRegion tr) {
      radius = tr.radius();
      firstStep = false;                               // the state of an accepted step: the first is behind it
      cgSinceLastAccept = 0;
      preconditionerPoint = tr.preconditionerPoint();
      cgBaseline = tr.cgBaseline();
      cgExcess = tr.cgExcess();
      Evaluation at = preconditionerPoint == null || java.util.Arrays.equals(preconditionerPoint, current.point())
          ? current : objective.evaluate(preconditionerPoint, extra);
      m = kind.build(at, objective);
    } else {
      m = kind.build(current, objective);
      preconditionerPoint = dense ? current.point() : null;
      // The first region: the length, in M's norm, of the preconditioned gradient step M^-1 g, a Newton step when M is
      // close to H (LIBLINEAR starts at the M-norm of g itself, a length in its own scaling, where H >= I; in MLlib's
      // scaling that is off by the scale of H, and from a warm start near the optimum far too short).
      double[] g0 = current.gradient();
      double[] z = m.apply(g0);
      radius = Math.sqrt(Math.max(m.dot(z, z), Double.MIN_NORMAL));
      firstStep = true;
      cgSinceLastAccept = 0;
    }
    boolean secondOrder = !objective.convex();
    NegativeCurvature.Probe probe = null;             // the last probe, and the point it was made at
    Evaluation probedAt = null;
    Stop stalled = null;                               // a rounding-level stop waiting for the second-order test
    while (true) {
      Optional<Stop> stop = stalled != null ? Optional.of(stalled) : run.check(iteration, current);
      TrustRegionSubproblem.Step step;
      if (stop.isPresent()) {
        if (!secondOrder || (stop.get().status() != Status.CONVERGED && stalled == null)) {
          return run.finish(current, iteration, stop.get());
        }
        stalled = null;
        // Stationary, but on a non-convex f that may be a saddle: look for negative curvature before stopping.
        if (probedAt != current) {
          probe = NegativeCurvature.atStop(objective, current, name(), iteration);
          probedAt = current;
          cgSinceLastAccept += probe.products();
        }
        if (!probe.negative()) {
          return run.finish(current, iteration,
              new Stop(stop.get().status(), stop.get().reason() + "; second-order test: " + probe.describe()));
        }
        if (!(radius > 1e-10 * Math.max(1, Vectors.norm(current.point())))) {
          radius = ESCAPE_RADIUS * Math.max(1, Vectors.norm(current.point()));  // no scale yet (g = 0 at the start)
        }
        step = escape(current, probe, m, radius);
      } else {
        run.describe(iteration);
        step = (gltr ? new GltrSubproblem(current, m, cgTolerance, maxCgIterations)
            : new SteihaugCg(current, m, cgTolerance, maxCgIterations)).solve(radius);
        cgSinceLastAccept += step.cgIterations();
        run.noteCg(step.lanczos(), kind, iteration + 1);
        if (dense) {
          if (cgBaseline < 0) {
            cgBaseline = step.cgIterations();
          }
          cgExcess += Math.max(0, step.cgIterations() - cgBaseline);
        }
      }
      double[] g = current.gradient();
      double gs = Vectors.dot(g, step.s());
      double predicted = step.predictedReduction(g);
      // The rebuild is asked of the trial's pass, before its outcome is known; a rejected trial asks again.
      boolean refresh = !dense || cgExcess > rebuildPasses;
      Evaluation trial = objective.evaluate(Vectors.plus(current.point(), 1.0, step.s()),
          refresh ? extra : Extra.NONE);
      double f = current.value();
      double actual = f - trial.value();
      if (Math.abs(predicted) <= ROUNDING_LEVEL * Math.abs(f) && Double.isFinite(trial.value())) {
        // f differences this small are rounding noise (f sums n terms): judge the step by the gradient instead, as
        // the approximate Wolfe conditions do for line searches (Hager and Zhang 2005).
        actual = Vectors.norm(trial.gradient()) < Vectors.norm(g) ? predicted : -Math.abs(predicted);
      }
      double sNorm = step.mNorm();
      if (firstStep) {
        radius = Math.min(radius, sNorm);              // adjust the initial bound to the first step's length
        firstStep = false;
      }
      // Prediction alpha * sNorm of the step from a quadratic interpolation of f along s.
      double curvatureTerm = trial.value() - f - gs;
      double alpha = curvatureTerm <= 0 ? SIGMA3 : Math.max(SIGMA1, -0.5 * (gs / curvatureTerm));
      if (!Double.isFinite(trial.value())) {
        radius = SIGMA1 * Math.min(radius, sNorm);
      } else if (actual < ETA0 * predicted) {
        radius = Math.min(alpha * sNorm, SIGMA2 * radius);
      } else if (actual < ETA1 * predicted) {
        radius = Math.max(SIGMA1 * radius, Math.min(alpha * sNorm, SIGMA2 * radius));
      } else if (actual < ETA2 * predicted) {
        radius = Math.max(SIGMA1 * radius, Math.min(alpha * sNorm, SIGMA3 * radius));
      } else {
        radius = step.hitsBoundary() ? SIGMA3 * radius : Math.max(radius, Math.min(alpha * sNorm, SIGMA3 * radius));
      }
      if (actual > ETA0 * predicted && Double.isFinite(trial.value())) {
        iteration++;
        current = trial;
        if (refresh) {
          m = kind.build(current, objective);
          preconditionerPoint = dense ? current.point() : null;
          cgBaseline = -1;
          cgExcess = 0;
        }
        run.rebaseIfStartedStationary(current);
        run.record(iteration, current, Vectors.norm(step.s()), radius, cgSinceLastAccept);
        cgSinceLastAccept = 0;
        SolverState.TrustRegion memory = new SolverState.TrustRegion(radius, preconditionerPoint, cgBaseline,
            cgExcess);
        run.publish(iteration, current, () -> memory);
        Optional<Stop> done = run.check(iteration, current);   // before the rounding-level tests below
        if (done.isPresent()) {
          if (secondOrder && done.get().status() == Status.CONVERGED) {
            continue;                                  // the loop's head runs the second-order test
          }
          return run.finish(current, iteration, done.get());
        }
      }
      if (current.value() < -1e32) {
        return run.finish(current, iteration, Status.UNBOUNDED, "f < -1e32");
      }
      double scale = NEGLIGIBLE_REDUCTION * Math.abs(current.value());
      Stop noProgress = predicted <= 0 ? new Stop(Status.NO_PROGRESS, "no progress: predicted reduction " + predicted
          + " <= 0")
          : Math.abs(actual) <= scale && Math.abs(predicted) <= scale
              ? new Stop(Status.NO_PROGRESS, "no progress: actual and predicted reductions below 1e-15 |f|") : null;
      if (noProgress != null) {
        if (!secondOrder || step.negativeCurvature() && probedAt == current) {
          return run.finish(current, iteration, noProgress);
        }
        stalled = noProgress;                          // stuck on a non-convex f: a saddle? the loop's head tests
      }
    }
  }

  /**
   * The step to the region's boundary along the probe's direction u of negative curvature: s = tau u with
   * ||s||_M = radius, predicting g.s + tau^2 theta / 2 < 0 (theta = u.H u, g.u <= 0). The residual -g - H s is
   * taken as -g - tau theta u, exact up to the Ritz residual, which is all the ratio test reads.
   */
  private static TrustRegionSubproblem.Step escape(Evaluation at, NegativeCurvature.Probe probe, Preconditioner m,
      double radius) {
    double[] u = probe.direction();
    double tau = radius / Math.sqrt(m.dot(u, u));
    double[] s = u.clone();
    Vectors.scale(tau, s);
    double[] residual = Vectors.negate(at.gradient());
    Vectors.axpy(-tau * probe.smallest(), u, residual);
    return new TrustRegionSubproblem.Step(s, residual, 0, true, true, radius, null);
  }
}
