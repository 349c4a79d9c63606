package io.curvature.jobs;

import picocli.CommandLine;

/** Command-line numbers: a plain double, or a fraction such as 1/60000 (regularization is often written 1/n). */
public final class Numbers implements CommandLine.ITypeConverter<Double> {
  @Override
  public Double convert(String text) {
    return parse(text);
  }

  public static double parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    try {
      if (slash > 0) {
        double denominator = Double.parseDouble(s.substring(slash + 1));
        if (denominator == 0) {
          throw new CommandLine.TypeConversionException("'" + text + "' divides by zero");
        }
        return Double.parseDouble(s.substring(0, slash)) / denominator;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a number (nor a fraction like 1/60000)");
    }
  }
}
