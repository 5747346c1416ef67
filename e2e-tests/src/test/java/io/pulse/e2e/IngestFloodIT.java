package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.json.Json;
import io.pulse.localstack.FreePort;
import io.pulse.localstack.LocalKafka;
import io.pulse.testservers.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A flood against ingest (its own JVM, -Xmx512m) while the broker is down: clients that ignore
 * Retry-After post full-size batches as fast as they are answered. Ingest must answer every one
 * with 503 or 429 and Retry-After, never 202, keep its heap bounded, and take events again on its
 * own once the broker is back. Local only: it stops and restarts its own broker, so -Pcontainers
 * leaves it out.
 */
@Tag(TestServers.LOCAL_ONLY)
class IngestFloodIT {

  private static final String API_KEY = "flood-" + System.nanoTime();
  private static final int CLIENTS = 32;
  private static final int EVENTS_PER_BATCH = 10_000;
  private static final Duration FLOOD = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aFloodWhileKafkaIsDownIsRefusedWithBoundedMemoryAndIngestRecoversByItself() throws Exception {
    Path dir = Path.of(System.getProperty("pulse.work.dir", "target/e2e")).resolve("flood-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0);
    int kafkaPort = kafka.port();
    try (ServiceProcess ingest = ServiceProcess.start("ingest-service", FreePort.pick(), Map.of(
        "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "PULSE_INGEST_API_KEYS", API_KEY), dir.resolve("logs"))) {
      ingest.awaitHealthy(Duration.ofSeconds(120));
      byte[] batch = batch(EVENTS_PER_BATCH);
      assertThat(post(ingest, batch).statusCode()).as("accepted while Kafka is up").isEqualTo(202);
      double maxHeap = heap(ingest, "jvm.memory.max");
      double before = heap(ingest, "jvm.memory.used");
      double liveBefore = metric(ingest, "jvm.gc.live.data.size");

      kafka.close();
      Flood flood = flood(ingest, batch);
      assertThat(flood.statuses.keySet()).as("statuses during the flood: %s", flood.statuses).isSubsetOf(429, 503);
      assertThat(flood.withoutRetryAfter.get()).as("refusals without Retry-After").isZero();
      assertThat(flood.failures.get()).as("requests that got no answer: %s", flood.failureCauses).isZero();
      assertThat(flood.maxLive.get()).as("heap samples taken during the flood (%d missed)", flood.missedSamples.get())
          .isPositive();
      // send-timeout (10 s) plus reading and parsing a 2 MB body on a busy 2-core machine: bounded, never parked
      assertThat(flood.slowest.get()).as("slowest answer").isLessThan(Duration.ofSeconds(25));
      // Live data after a collection is what the flood really holds; "used" also counts garbage not yet collected.
      assertThat(flood.maxLive.get()).as("live heap after GC during the flood, of %.0f MB", maxHeap / 1e6)
          .isLessThan(0.5 * maxHeap);

      kafka = LocalKafka.start(dir.resolve("kafka"), kafkaPort);
      Instant back = Instant.now();
      await("ingest accepting again by itself").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> post(ingest, batch(100)).statusCode() == 202);
      Duration recovered = Duration.between(back, Instant.now());
      double after = heap(ingest, "jvm.memory.used");
      System.out.printf("FLOOD %d clients x %d-event batches (%.1f MB) for %s with Kafka down: %s; heap used before"
              + " %.0f MB, at most %.0f MB during, %.0f MB after (max %.0f MB); live data after GC %.0f MB before, at most"
              + " %.0f MB during; slowest answer %s; 202 again %s after Kafka was back%n",
          CLIENTS, EVENTS_PER_BATCH, batch.length / 1e6, FLOOD, flood.statuses, before / 1e6, flood.maxHeap.get() / 1e6,
          after / 1e6, maxHeap / 1e6, liveBefore / 1e6, flood.maxLive.get() / 1e6, flood.slowest.get(), recovered);
    } finally {
      kafka.close();
    }
  }

  /** What the flood got back. */
  private record Flood(Map<Integer, Integer> statuses, AtomicLong withoutRetryAfter, AtomicLong failures,
      AtomicLong missedSamples, java.util.Set<String> failureCauses, AtomicReference<Duration> slowest, AtomicReference<Double> maxHeap,
      AtomicReference<Double> maxLive) {}

  private Flood flood(ServiceProcess ingest, byte[] batch) throws Exception {
    Flood flood = new Flood(new ConcurrentHashMap<>(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
        ConcurrentHashMap.newKeySet(), new AtomicReference<>(Duration.ZERO), new AtomicReference<>(0.0), new AtomicReference<>(0.0));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(() -> {
      try {
        flood.maxHeap.accumulateAndGet(heap(ingest, "jvm.memory.used"), Math::max);
        flood.maxLive.accumulateAndGet(metric(ingest, "jvm.gc.live.data.size"), Math::max);
      } catch (Exception e) {
        // a metrics read that timed out on a saturated machine is a missed sample, not a refused client
        flood.missedSamples.incrementAndGet();
      }
    }, 0, 250, TimeUnit.MILLISECONDS);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    long end = System.nanoTime() + FLOOD.toNanos();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        running.add(clients.submit(() -> {
          while (System.nanoTime() < end) {
            long started = System.nanoTime();
            try {
              HttpResponse<String> response = post(ingest, batch);
              flood.statuses.merge(response.statusCode(), 1, Integer::sum);
              if (response.headers().firstValue("Retry-After").isEmpty()) {
                flood.withoutRetryAfter.incrementAndGet();
              }
            } catch (IOException e) {
              flood.failures.incrementAndGet();
              flood.failureCauses.add(e.toString());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            flood.slowest.accumulateAndGet(took, (a, b) -> a.compareTo(b) >= 0 ? a : b);
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      clients.shutdownNow();
      sampler.shutdownNow();
    }
    return flood;
  }

  private HttpResponse<String> post(ServiceProcess ingest, byte[] body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(ingest.url("/v1/events"))
        .header("Content-Type", "application/json").header("X-Api-Key", API_KEY)
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private double heap(ServiceProcess ingest, String metric) throws IOException, InterruptedException {
    return metric(ingest, metric + "?tag=area:heap");
  }

  private double metric(ServiceProcess ingest, String metric) throws IOException, InterruptedException {
    URI uri = ingest.url("/actuator/metrics/" + metric);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode json = Json.MAPPER.readTree(response.body());
    return json.get("measurements").get(0).get("value").asDouble();
  }

  /** A full JSON array of valid events, with a small property on each so batches weigh ~2 MB. */
  private static byte[] batch(int size) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write('[');
    Instant now = Instant.now();
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(EventJson.write(new Event("flood-" + System.nanoTime() + "-" + i, "click", "user-" + (i % 500),
          "entity-" + (i % 50), null, now, Map.of("note", "x".repeat(64)))));
    }
    body.write(']');
    return body.toByteArray();
  }
}
