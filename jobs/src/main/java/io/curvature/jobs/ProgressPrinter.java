package io.curvature.jobs;

import io.curvature.driver.solvers.IterationListener;
import io.curvature.driver.solvers.IterationRecord;
import java.io.PrintStream;

/** One line per solver iteration, aligned so columns can be read down a run. */
public final class ProgressPrinter implements IterationListener {
  private final PrintStream out;
  private final String solver;

  public ProgressPrinter(PrintStream out, String solver) {
    this.out = out;
    this.solver = solver;
  }

  @Override
  public void onIteration(IterationRecord r) {
    out.printf("%-9s iter %4d  f %.12f  |g| %.3e  step %.2e  cg %3d  passes %5d  %8.3fs%n", solver, r.iteration(),
        r.objective(), r.gradientNorm(), r.stepNorm(), r.cgIterations(), r.passes(), r.seconds());
    out.flush();
  }
}
