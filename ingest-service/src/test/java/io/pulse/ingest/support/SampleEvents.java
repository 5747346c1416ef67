package io.pulse.ingest.support;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Valid event JSON for tests; each call gets a fresh eventId. */
public final class SampleEvents {

  private SampleEvents() {}

  public static String event(String userId) {
    return """
        {"eventId":"%s","type":"click","userId":"%s","entityId":"product-7","value":12.5,\
        "timestamp":"%s","properties":{"color":"red"}}""".formatted(UUID.randomUUID(), userId, Instant.now());
  }

  /** A JSON array of {@code count} events, users u0..u(count-1). */
  public static String array(int count) {
    return IntStream.range(0, count).mapToObj(i -> event("u" + i)).collect(Collectors.joining(",", "[", "]"));
  }
}
