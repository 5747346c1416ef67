package io.pulse.ingest.warmup;

import io.pulse.contracts.topic.TopicProperties;
import io.pulse.ingest.auth.ApiKeyHeader;
import io.pulse.ingest.config.IngestProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Sends synthetic batches through the service's own HTTP path once the server listens, and reports
 * DOWN on /actuator/health until it is done. A fresh JVM spent its first minute of load JIT-compiling
 * that path, at three times its warm CPU per event, on the cores the aggregator needed
 * (docs/benchmark.md). By default the batches go to {@code POST /v1/events/validate} (Tomcat, auth,
 * body reading, parsing, validation, serialization; nothing reaches Kafka). With
 * {@code pulse.ingest.live-warm-up} they go to {@code POST /v1/events} itself, with the token that
 * routes them to a topic of their own ({@link WarmUpRoute}), created here if missing and emptied
 * afterwards, so the producer path is compiled too: what the JIT still compiled under the first load.
 * Off by default, since it adds a topic; the launchers whose broker is the platform's own turn it on.
 * {@code pulse.ingest.warm-up-requests: 0} turns the warm-up off.
 */
@Component("warmUp")
class WarmUp implements ApplicationRunner, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
  // Per-event code (parsing, validation) needs many events to be compiled, per-request code (Tomcat,
  // Spring MVC, auth, limits, the producer's send) many requests: C2 compiles a method after about
  // 5,000 calls. So one request in four is a large batch and the others small ones.
  private static final int LARGE_BATCH = 100;
  private static final int SMALL_BATCH = 5;
  // Clients send concurrently; so does the warm-up, which also keeps the producer's batches filling.
  private static final int WORKERS = 4;
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final String[] TYPES = {"view", "view", "view", "click", "click", "order", "signup"};

  private final WebServerApplicationContext context;
  private final IngestProperties properties;
  private final WarmUpRoute route;
  private final KafkaAdmin kafkaAdmin;
  private final Admin admin;
  private final TopicProperties topics;
  private final AtomicInteger sent = new AtomicInteger();
  private volatile boolean done;

  /** {@code admin}: the service's long-lived client (the Kafka health check's), not one more at start-up. */
  WarmUp(WebServerApplicationContext context, IngestProperties properties, WarmUpRoute route, KafkaAdmin kafkaAdmin,
      Admin admin, TopicProperties topics) {
    this.context = context;
    this.properties = properties;
    this.route = route;
    this.kafkaAdmin = kafkaAdmin;
    this.admin = admin;
    this.topics = topics;
  }

  @Override
  public void run(ApplicationArguments args) {
    int requests = properties.warmUpRequests();
    boolean live = properties.liveWarmUp() && requests > 0;
    long started = System.nanoTime();
    try {
      if (live) {
        sendThroughKafka(requests);
      } else {
        send(requests, false);
      }
      log.info("Warmed up with {} requests {} in {} ms", requests,
          live ? "through Kafka (topic " + WarmUpRoute.TOPIC + ", emptied)" : "through validation",
          (System.nanoTime() - started) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("Warm-up stopped after {} requests; the service starts cold", sent.get(), e);
    } finally {
      done = true;
    }
  }

  private void sendThroughKafka(int requests) throws Exception {
    kafkaAdmin.createOrModifyTopics(
        new NewTopic(WarmUpRoute.TOPIC, topics.partitions(), (short) topics.replicationFactor()));
    try {
      send(requests, true);
    } finally {
      try {
        empty();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Could not delete the records of the warm-up topic {}; they are synthetic", WarmUpRoute.TOPIC, e);
      }
    }
  }

  /**
   * Deletes the warm-up's records but keeps the topic: the producer keeps a deleted topic in its
   * metadata and logged UNKNOWN_TOPIC_OR_PARTITION at every refresh for minutes after the start.
   */
  private void empty() throws ExecutionException, TimeoutException, InterruptedException {
    List<TopicPartition> partitions = admin.describeTopics(List.of(WarmUpRoute.TOPIC)).allTopicNames()
        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(WarmUpRoute.TOPIC).partitions().stream()
        .map(partition -> new TopicPartition(WarmUpRoute.TOPIC, partition.partition())).toList();
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
            partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
        .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    admin.deleteRecords(ends.entrySet().stream().collect(Collectors.toMap(
            Map.Entry::getKey, end -> RecordsToDelete.beforeOffset(end.getValue().offset()))))
        .all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** {@code WORKERS} clients share the requests; the first failure stops them all. */
  private void send(int requests, boolean live) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + context.getWebServer().getPort()
        + (live ? "/v1/events" : "/v1/events/validate"));
    int expected = live ? 202 : 200;
    AtomicInteger next = new AtomicInteger();
    try (HttpClient http = HttpClient.newHttpClient(); ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
      Callable<Void> worker = () -> {
        for (int request; (request = next.getAndIncrement()) < requests; ) {
          HttpResponse<String> response = http.send(request(uri, request, live), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != expected) {
            next.set(requests);
            throw new IllegalStateException("request " + request + " answered " + response.statusCode() + ": "
                + response.body());
          }
          sent.incrementAndGet();
        }
        return null;
      };
      for (Future<Void> result : workers.invokeAll(Collections.nCopies(WORKERS, worker))) {
        try {
          result.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    }
  }

  private HttpRequest request(URI uri, int request, boolean live) {
    boolean ndjson = request % 5 != 1; // arrays too, large and small: clients send both
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .header("Content-Type", ndjson ? "application/x-ndjson" : "application/json")
        .header(ApiKeyHeader.NAME, properties.apiKeys().getFirst())
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(batch(request, ndjson)));
    return live ? builder.header(WarmUpRoute.HEADER, route.token()).build() : builder.build();
  }

  @Override
  public Health health() {
    return done ? Health.up().build()
        : Health.down().withDetail("warming up", sent.get() + " of " + properties.warmUpRequests() + " requests").build();
  }

  /**
   * Events in the shapes clients send: both timestamp forms, with and without a value and properties.
   * Code compiled for one shape only is thrown away and compiled again when the other arrives.
   */
  private static byte[] batch(int request, boolean ndjson) {
    int events = request % 4 == 0 ? LARGE_BATCH : SMALL_BATCH;
    StringBuilder body = new StringBuilder(events * 200).append(ndjson ? "" : "[");
    Instant now = Instant.now();
    for (int i = 0; i < events; i++) {
      int n = request * LARGE_BATCH + i;
      String type = TYPES[n % TYPES.length];
      String timestamp = n % 2 == 0 ? "\"" + now + "\"" : Long.toString(now.toEpochMilli());
      body.append(ndjson || i == 0 ? "" : ",")
          .append("{\"eventId\":\"warm-up-").append(n).append("\",\"type\":\"").append(type)
          .append("\",\"userId\":\"u").append(n * 7919 % 5000).append("\",\"entityId\":\"p").append(n % 1000)
          .append(type.equals("order") ? "\",\"value\":" + (10 + n % 90) + ".5" : "\"")
          .append(",\"timestamp\":").append(timestamp)
          .append(n % 3 == 0 ? "" : ",\"properties\":{\"channel\":\"web\",\"page\":\"/p/" + n % 1000 + "\"}")
          .append("}").append(ndjson ? "\n" : "");
    }
    return body.append(ndjson ? "" : "]").toString().getBytes(StandardCharsets.UTF_8);
  }
}
