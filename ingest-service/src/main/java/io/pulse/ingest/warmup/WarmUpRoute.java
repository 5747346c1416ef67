package io.pulse.ingest.warmup;

import io.pulse.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Which topic a batch posted to {@code POST /v1/events} goes to: the events topic, unless the request
 * carries this process's warm-up token, which only {@link WarmUp} knows (128 random bits, new at every
 * start). Those batches go to the live warm-up's own topic, {@value #TOPIC}. A client cannot guess
 * the token, so an event accepted from anyone else always lands on the events topic.
 */
@Component
public class WarmUpRoute {

  public static final String HEADER = "X-Pulse-Warm-Up";
  static final String TOPIC = "pulse-ingest-warm-up";

  private final byte[] token;

  public WarmUpRoute() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }

  /** The topic for a batch with these request headers. */
  public String topicFor(HttpHeaders headers) {
    String presented = headers.getFirst(HEADER);
    boolean warmUp = presented != null
        && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), token); // constant time
    return warmUp ? TOPIC : Topics.EVENTS.name();
  }

  String token() {
    return new String(token, StandardCharsets.US_ASCII);
  }
}
