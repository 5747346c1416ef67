package io.pulse.loadtest.jmh;

import io.pulse.ingest.web.Utf8;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest's UTF-8 check on what it is given: one NDJSON line (once per event) or a JSON array of
 * 100 events (once per body). Beside it, the check it replaced: a decoder and an 8 K-char buffer for
 * the whole range on every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class Utf8Benchmark {

  private static final String EVENT = "{\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"type\":\"view\","
      + "\"userId\":\"u-1234\",\"entityId\":\"p-42\",\"timestamp\":\"2026-12-07T03:00:00.123Z\","
      + "\"properties\":{\"referrer\":\"search\",\"device\":\"mobile\"}}";

  @Param({"line", "array-of-100"})
  String shape;

  private byte[] bytes;

  @Setup
  public void build() {
    String text = shape.equals("line") ? EVENT : "[" + String.join(",", Collections.nCopies(100, EVENT)) + "]";
    bytes = text.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public int check() {
    return Utf8.firstMalformed(bytes, 0, bytes.length);
  }

  @Benchmark
  public int decodeWholeRange() {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8 * 1024);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }
}
