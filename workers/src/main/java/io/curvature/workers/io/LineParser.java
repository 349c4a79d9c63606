package io.curvature.workers.io;

import io.curvature.workers.CsrBlock;

/** Parses one line of a text format (LIBSVM, CSV) into a block builder, throwing a located-later format error. */
public interface LineParser {
  /** Parses the line (without its newline) and appends its row; returns false for a line holding no row. */
  boolean parse(byte[] bytes, int start, int length, CsrBlock.Builder into);
}
