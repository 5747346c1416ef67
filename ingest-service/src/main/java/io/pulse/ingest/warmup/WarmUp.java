package io.pulse.ingest.warmup;

import io.pulse.ingest.auth.ApiKeyHeader;
import io.pulse.ingest.config.IngestProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Sends synthetic batches through the service's own HTTP path ({@code POST /v1/events/validate}:
 * Tomcat, auth, body reading, parsing, validation, serialization; nothing reaches Kafka) once the
 * server listens, and reports DOWN on /actuator/health until it is done. A fresh JVM spent its first
 * minute of load JIT-compiling that path, at three times its warm CPU per event, on the cores the
 * aggregator needed (docs/benchmark.md). {@code pulse.ingest.warm-up-requests: 0} turns it off.
 */
@Component("warmUp")
class WarmUp implements ApplicationRunner, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
  // Per-event code (parsing, validation) needs many events to be compiled, per-request code (Tomcat,
  // Spring MVC, auth, limits) many requests: C2 compiles a method after about 5,000 calls, and 2,000
  // batches of 100 left the request path to be compiled under the first load (docs/benchmark.md).
  // So one request in four is a large batch and the others small ones.
  private static final int LARGE_BATCH = 100;
  private static final int SMALL_BATCH = 5;
  private static final String[] TYPES = {"view", "view", "view", "click", "click", "order", "signup"};

  private final WebServerApplicationContext context;
  private final IngestProperties properties;
  private volatile int sent;
  private volatile boolean done;

  WarmUp(WebServerApplicationContext context, IngestProperties properties) {
    this.context = context;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    int requests = properties.warmUpRequests();
    long started = System.nanoTime();
    try (HttpClient http = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/v1/events/validate");
      for (sent = 0; sent < requests; sent++) {
        boolean ndjson = sent % 4 != 3; // arrays too: clients send both
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", ndjson ? "application/x-ndjson" : "application/json")
            .header(ApiKeyHeader.NAME, properties.apiKeys().getFirst())
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(batch(sent, ndjson))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          log.warn("Warm-up stopped after {} requests: {} {}", sent, response.statusCode(), response.body());
          return;
        }
      }
      log.info("Warmed up with {} requests in {} ms", requests, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      log.warn("Warm-up stopped after {} requests; the service starts cold", sent, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done = true;
    }
  }

  @Override
  public Health health() {
    return done ? Health.up().build()
        : Health.down().withDetail("warming up", sent + " of " + properties.warmUpRequests() + " requests").build();
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
