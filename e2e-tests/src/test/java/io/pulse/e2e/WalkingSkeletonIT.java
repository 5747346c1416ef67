package io.pulse.e2e;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP → Kafka → Kafka Streams → ClickHouse → REST with every part real: ~10,000 events over three
 * minutes of event time, posted in shuffled order, must come out of the query API with exactly the
 * counts this test computes on its own — and posting a batch again must change nothing.
 */
class WalkingSkeletonIT {

  private static final int EVENTS = 10_000;
  private static final int BATCH = 500;
  private static final List<String> TYPES = List.of("click", "view", "order");

  private static Platform platform;
  private static PlatformClient client;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = Platform.start("skeleton", Map.of());
    client = new PlatformClient(platform);
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shuffledEventsAreCountedExactlyOncePerEntityAndWindowOnEventTime() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(4));
    List<Event> events = generate(base, new Random(42));
    List<List<Event>> batches = batches(events);

    long started = System.nanoTime();
    postConcurrently(batches);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("E2E ingest: %d events in %.2f s = %.0f events/s (batches of %d, 4 client threads)%n",
        events.size(), seconds, events.size() / seconds, BATCH);

    // A client retrying a whole batch must not inflate any count.
    HttpResponse<String> retry = client.postNdjson(batches.get(0));
    assertThat(retry.statusCode()).isEqualTo(202);

    Map<Instant, Map<String, Long>> expectedAll = expectedCounts(events, null);
    Map<Instant, Map<String, Long>> expectedClicks = expectedCounts(events, "click");
    assertThat(expectedAll).hasSize(3);

    await("duplicates recognised by the aggregator").atMost(Duration.ofSeconds(60))
        .until(() -> client.metric(platform.aggregator, "pulse_stream_duplicates_total") >= BATCH);
    await("every window of every entity exact in the query API").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          for (var window : expectedAll.entrySet()) {
            assertThat(client.leaderboard("events-per-entity-1m", window.getKey(), null))
                .as("all events in window %s", window.getKey())
                .containsExactlyInAnyOrderEntriesOf(window.getValue());
            assertThat(client.leaderboard("events-per-entity-1m", window.getKey(), "type=click"))
                .as("clicks (type facet) in window %s", window.getKey())
                .containsExactlyInAnyOrderEntriesOf(expectedClicks.get(window.getKey()));
          }
        });
    assertThat(client.metric(platform.aggregator, "pulse_stream_duplicates_total")).isEqualTo(BATCH);
  }

  /** Write keys cannot read and read keys cannot write: each service knows only its own set. */
  @Test
  void anIngestKeyReadsNothingAndAReadKeyWritesNothing() throws Exception {
    HttpResponse<String> read = client.getWithKey(platform.query.url("/v1/aggregations"), Platform.API_KEY);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(401);
    assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(Json.MAPPER.readTree(read.body()).get("type").asString()).isEqualTo("https://pulse.dev/problems/invalid-api-key");

    byte[] event = EventJson.write(new Event("keys-1", "click", "u1", "product-01", null, Instant.now(), Map.of()));
    HttpResponse<String> write = client.postWithKey(Platform.READ_KEY, "application/json", event);
    assertThat(write.statusCode()).as(write.body()).isEqualTo(401);
    assertThat(write.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(Json.MAPPER.readTree(write.body()).get("type").asString()).isEqualTo("https://pulse.dev/problems/invalid-api-key");

    assertThat(client.getWithKey(platform.query.url("/v1/aggregations"), Platform.READ_KEY).statusCode()).isEqualTo(200);
  }

  private static List<Event> generate(Instant base, Random random) {
    List<Event> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      String entity = "product-%02d".formatted(random.nextInt(50));
      String type = TYPES.get(random.nextInt(TYPES.size()));
      Instant time = base.plusMillis(random.nextInt(180_000));
      events.add(new Event("evt-" + i, type, "user-" + random.nextInt(200), entity, null, time, Map.of()));
    }
    Collections.shuffle(events, random);
    return events;
  }

  private static List<List<Event>> batches(List<Event> events) {
    List<List<Event>> batches = new ArrayList<>();
    for (int i = 0; i < events.size(); i += BATCH) {
      batches.add(events.subList(i, Math.min(events.size(), i + BATCH)));
    }
    return batches;
  }

  private static void postConcurrently(List<List<Event>> batches) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < batches.size(); i++) {
        List<Event> batch = batches.get(i);
        boolean ndjson = i % 2 == 1;
        responses.add(pool.submit(() -> ndjson ? client.postNdjson(batch) : client.postArray(batch)));
      }
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<String> response = responses.get(i).get();
        assertThat(response.statusCode()).as("batch %d: %s", i, response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":" + batches.get(i).size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** window start → entity → events, computed independently of the platform. */
  private static Map<Instant, Map<String, Long>> expectedCounts(List<Event> events, String type) {
    return events.stream()
        .filter(e -> type == null || e.type().equals(type))
        .collect(groupingBy(e -> e.timestamp().truncatedTo(ChronoUnit.MINUTES),
            groupingBy(Event::entityId, counting())));
  }
}
