package io.curvature.driver.spark;

import io.curvature.workers.KernelWarmup;
import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Starts {@link KernelWarmup} on every executor as it starts ({@code spark.plugins=} this class), so that the first
 * passes over cached data run compiled kernels: the executor JVM warms up while the driver is still loading the data.
 * Local mode's executor lives in the driver JVM and starts it there. No driver component.
 */
public final class KernelWarmupPlugin implements SparkPlugin {
  /** The value to add to {@code spark.plugins}. */
  public static final String NAME = KernelWarmupPlugin.class.getName();

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        KernelWarmup.startInBackground();
      }
    };
  }

  /** {@code plugins} (a spark.plugins value, possibly empty) with this plugin added once. */
  public static String addTo(String plugins) {
    if (plugins == null || plugins.isBlank()) {
      return NAME;
    }
    for (String p : plugins.split(",")) {
      if (p.trim().equals(NAME)) {
        return plugins;
      }
    }
    return plugins + "," + NAME;
  }
}
