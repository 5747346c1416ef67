package io.pulse.loadtest.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthetic events shaped like real traffic, shared by the benchmark and the Gatling simulations:
 * unique eventIds (so dedup never drops one), event time = now, a type mix of 50 % click,
 * 30 % view, 15 % order (with a value), 5 % signup, users uniform over {@code users}, entities
 * skewed (a few hot products, a long tail) over {@code entities}, and two properties.
 * One event is about 200 bytes of JSON.
 */
public final class EventFactory {

  static final String[] COUNTRIES = {"de", "fr", "us", "gb", "in", "br", "jp", "es", "it", "nl"};
  static final String[] PLANS = {"free", "pro", "enterprise"};
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};

  private final String runId;
  private final int users;
  private final int entities;
  private final AtomicLong sequence = new AtomicLong();

  public EventFactory(int users, int entities) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    this.runId = HexFormat.of().formatHex(random);
    this.users = users;
    this.entities = entities;
  }

  public int users() {
    return users;
  }

  public static String userId(int index) {
    return "user-" + index;
  }

  /** The profile PUT for user {@code index}: a stable country and plan, so facets have ~30 values. */
  public static String profileJson(int index) {
    return "{\"country\":\"" + COUNTRIES[index % COUNTRIES.length] + "\",\"plan\":\"" + PLANS[(index / 7) % PLANS.length] + "\"}";
  }

  /** {@code count} events as NDJSON (one JSON object per line), the batched ingest format. */
  public byte[] ndjson(int count, long nowMs) {
    StringBuilder body = new StringBuilder(count * 210);
    for (int i = 0; i < count; i++) {
      appendEvent(body, nowMs, false, ThreadLocalRandom.current().nextInt(users));
      body.append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One event as a JSON object, the single-event ingest format. */
  public byte[] single(long nowMs) {
    StringBuilder body = new StringBuilder(210);
    appendEvent(body, nowMs, false, ThreadLocalRandom.current().nextInt(users));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An event as ingest writes it to Kafka: key userId, value with an ISO-8601 timestamp. */
  public record KafkaEvent(String userId, byte[] value) {}

  /** One event as ingest writes it to Kafka: the raw-broker baseline's and the capacity probe's records. */
  public KafkaEvent kafkaEvent(long nowMs) {
    int user = ThreadLocalRandom.current().nextInt(users);
    StringBuilder body = new StringBuilder(230);
    appendEvent(body, nowMs, true, user);
    return new KafkaEvent(userId(user), body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void appendEvent(StringBuilder out, long nowMs, boolean isoTimestamp, int user) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int typeDraw = random.nextInt(100);
    String type = typeDraw < 50 ? "click" : typeDraw < 80 ? "view" : typeDraw < 95 ? "order" : "signup";
    double skew = random.nextDouble();
    int entity = (int) (entities * skew * skew * skew);
    out.append("{\"eventId\":\"b").append(runId).append('-').append(Long.toString(sequence.incrementAndGet(), 36))
        .append("\",\"type\":\"").append(type)
        .append("\",\"userId\":\"user-").append(user)
        .append("\",\"entityId\":\"product-").append(entity).append('"');
    if (type.equals("order")) {
      out.append(",\"value\":").append(5 + random.nextInt(200)).append(".5");
    }
    out.append(",\"timestamp\":");
    if (isoTimestamp) {
      out.append('"').append(Instant.ofEpochMilli(nowMs)).append('"');
    } else {
      out.append(nowMs);
    }
    out.append(",\"properties\":{\"device\":\"").append(DEVICES[random.nextInt(DEVICES.length)])
        .append("\",\"page\":\"/products/").append(entity).append("\"}}");
  }
}
