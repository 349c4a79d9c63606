package io.curvature.jobs.bench;

import io.curvature.driver.io.AtomicFiles;
import io.curvature.driver.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** benchmark.json, benchmark.md (tables) and convergence.png (gap against seconds, log scale), each atomically. */
final class BenchmarkWriter {
  private BenchmarkWriter() {}

  static void write(String dir, Configuration conf, BenchmarkReport report) throws IOException {
    Path out = new Path(dir);
    Json.write(new Path(out, "benchmark.json"), conf, report);
    AtomicFiles.writeFile(new Path(out, "benchmark.md"), conf, markdown(report).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.writeFile(new Path(out, "convergence.png"), conf, plot(report));
  }

  static String markdown(BenchmarkReport r) {
    StringBuilder md = new StringBuilder();
    BenchmarkReport.Environment e = r.environment();
    md.append(String.format(Locale.ROOT, "Data %s: n = %d, d = %d, nnz = %d; model %s, lambda = %.6g, "
        + "elastic net %.3g, intercept %s%s; f* = %.17g (%s); load %.2f s.%n%n", r.data(), r.n(), r.d(), r.nnz(),
        r.model(), r.regParam(), r.elasticNet(), r.fitIntercept() ? "fitted" : "none",
        r.standardize() ? ", standardized" : "", r.fStar(), r.fStarFrom(), r.loadSeconds()));
    String library = io.curvature.workers.BlockKernels.blasLibrary();      // which native BLAS, if native
    String blas = e.blas() + (library == null ? "" : " (" + library + ")");
    md.append(String.format(Locale.ROOT, "Machine: %s, %d cores, %d partitions, Spark %s, Java %s, BLAS %s; "
        + "memory bandwidth (triad) %.1f GB/s; a pass reads %.0f MB (%.1f bytes/nnz), bound %.1f ms%s.%n%n",
        e.master(), e.cores(), e.partitions(), e.sparkVersion(), e.java(), blas, e.memoryBandwidthGBps(),
        e.bytesPerPass() / 1e6, e.bytesPerNonzero(), e.bandwidthBoundSeconds() * 1e3,
        e.heapKept() ? "; the JVM's heap kept between contestants (not given back after each one's full collection)"
            : ""));
    md.append("| solver | status | iterations | passes | seconds to 1e-3 | passes to 1e-3 | seconds to 1e-6 "
        + "| passes to 1e-6 | final gap | fit seconds | s/pass | x bound | peak heap MB |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SolverRun s : r.runs()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %.1e | %.2f | %s | %s | %s |%n",
          s.solver(), s.status(), s.iterations(), text(s.passes()), seconds(s.timeToGap3()), text(s.passesToGap3()),
          seconds(s.timeToGap6()), text(s.passesToGap6()), s.finalGap(), s.fitSeconds(),
          s.secondsPerPass() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.secondsPerPass()),
          s.boundRatio() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.boundRatio()),
          s.peakHeapBytes() == null ? "-" : String.valueOf(s.peakHeapBytes() / (1 << 20))));
    }
    md.append('\n');
    for (SolverRun s : r.runs()) {
      if (s.note() != null) {
        md.append("- ").append(s.solver()).append(": ").append(s.note()).append('\n');
      }
    }
    md.append("\nCost of one pass (median):\n\n| pass | ms |\n|---|---|\n");
    for (PassProfile.PassCost c : r.passCosts()) {
      md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", c.pass(), c.seconds() * 1e3));
    }
    md.append('\n').append(speedups(r));
    return md.toString();
  }

  /** Ratios of the fastest Curvature solver's time to gap 1e-6 against each peer's. */
  static String speedups(BenchmarkReport r) {
    SolverRun best = null;
    for (SolverRun s : r.runs()) {
      boolean ours = !s.solver().startsWith("mllib") && !s.solver().startsWith("liblinear");
      if (ours && s.timeToGap6() != null && (best == null || s.timeToGap6() < best.timeToGap6())) {
        best = s;
      }
    }
    if (best == null) {
      return "No Curvature solver reached gap 1e-6.\n";
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "Fastest to gap 1e-6: %s, %.2f s.", best.solver(), best.timeToGap6()));
    for (SolverRun s : r.runs()) {
      if (s.solver().startsWith("mllib") || s.solver().startsWith("liblinear")) {
        out.append(s.timeToGap6() == null
            ? String.format(Locale.ROOT, " %s did not reach 1e-6 (final gap %.1e).", s.solver(), s.finalGap())
            : s.timeToGap6() >= best.timeToGap6()
                ? String.format(Locale.ROOT, " %s: %.2f s, %.1fx slower.", s.solver(), s.timeToGap6(),
                    s.timeToGap6() / best.timeToGap6())
                : String.format(Locale.ROOT, " %s: %.2f s, %.1fx faster.", s.solver(), s.timeToGap6(),
                    best.timeToGap6() / s.timeToGap6()));
      }
    }
    return out.append('\n').toString();
  }

  private static String text(Long v) {
    return v == null || v < 0 ? "-" : String.valueOf(v);
  }

  private static String seconds(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  static byte[] plot(BenchmarkReport r) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    BitmapEncoder.saveBitmap(chart(r), (OutputStream) png, BitmapEncoder.BitmapFormat.PNG);
    return png.toByteArray();
  }

  /** The convergence chart: one series a run, a solver run twice told apart ("tron (2)"). */
  static XYChart chart(BenchmarkReport r) {
    XYChart chart = new XYChartBuilder().width(900).height(560)
        .title("Relative gap (f - f*)/f* against fit time").xAxisTitle("seconds").yAxisTitle("relative gap").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(4);
    Map<String, Integer> seen = new HashMap<>();
    for (SolverRun s : r.runs()) {
      int run = seen.merge(s.solver(), 1, Integer::sum);   // a solver listed twice (warm-up runs): "tron (2)"
      if (s.curve() == null || s.curve().isEmpty()) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (double[] p : s.curve()) {
        x.add(p[0]);
        y.add(p[1]);
      }
      XYSeries series = chart.addSeries(run == 1 ? s.solver() : s.solver() + " (" + run + ")", x, y);
      if (s.solver().startsWith("liblinear")) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.DIAMOND);
      } else {
        series.setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }
}
