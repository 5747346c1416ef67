package io.pulse.ingest.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 check before parsing, so a bad byte is reported as invalid-utf8 with its offset
 * instead of as one of Jackson's generic parse errors.
 */
public final class Utf8 {

  private Utf8() {}

  /** Offset of the first byte that is not part of well-formed UTF-8 in {@code [from, to)}, or -1. */
  public static int firstMalformed(byte[] bytes, int from, int to) {
    // Events are nearly all ASCII, which is well-formed as it is. A decoder and its buffer for every
    // NDJSON line cost 3 µs per event (docs/benchmark.md): only text from the first non-ASCII byte on is decoded.
    int start = from;
    while (start < to && bytes[start] >= 0) {
      start++;
    }
    if (start == to) {
      return -1;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, to - start);
    CharBuffer out = CharBuffer.allocate(Math.min(to - start, 8 * 1024)); // never more chars than bytes
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear(); // overflow: we only validate, so the decoded characters can be dropped
    }
  }
}
