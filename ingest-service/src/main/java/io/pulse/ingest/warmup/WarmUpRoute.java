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
 * start). Those batches go to the live warm-up's own topic, which it creates and deletes. A client
 * cannot guess the token, so an event accepted from anyone else always lands on the events topic.
 */
@Component
public class WarmUpRoute {

  public static final String HEADER = "X-Pulse-Warm-Up";
  static final String TOPIC_PREFIX = "pulse-ingest-warm-up-";

  private final byte[] token;
  private final String warmUpTopic;

  public WarmUpRoute() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String hex = HexFormat.of().formatHex(random);
    this.token = hex.getBytes(StandardCharsets.US_ASCII);
    this.warmUpTopic = TOPIC_PREFIX + hex.substring(0, 12);
  }

  /** The topic for a batch with these request headers. */
  public String topicFor(HttpHeaders headers) {
    String presented = headers.getFirst(HEADER);
    boolean warmUp = presented != null
        && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), token); // constant time
    return warmUp ? warmUpTopic : Topics.EVENTS.name();
  }

  String token() {
    return new String(token, StandardCharsets.US_ASCII);
  }

  String warmUpTopic() {
    return warmUpTopic;
  }
}
