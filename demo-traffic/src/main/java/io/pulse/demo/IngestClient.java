package io.pulse.demo;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.json.Json;
import io.pulse.demo.TrafficModel.ProfileUpdate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public ingest API as a well-behaved client uses it: {@code PUT /v1/users/{id}} and NDJSON batches to
 * {@code POST /v1/events} with the {@code X-Api-Key} header. 429 and 503 are retried after their Retry-After, a
 * lost connection after a short back-off, the same request unchanged (so a retry can only make a duplicate, which
 * dedup drops); any other refusal is a bug of the generator or a wrong key, and stops it.
 */
final class IngestClient implements AutoCloseable {

  /** A refusal that retrying cannot fix: a wrong key, a wrong URL. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI events;
  private final URI users;
  private final String apiKey;
  private final BooleanSupplier running;
  private final AtomicLong retries = new AtomicLong();
  /** A few connections kept busy beat hundreds opened at once (the first slice puts 300 profiles). */
  private final ExecutorService profileSenders = Executors.newFixedThreadPool(8, Thread.ofPlatform().daemon().factory());

  IngestClient(URI ingestUrl, String apiKey, BooleanSupplier running) {
    this.events = URI.create(ingestUrl + "/v1/events");
    this.users = URI.create(ingestUrl + "/v1/users/");
    this.apiKey = apiKey;
    this.running = running;
  }

  /** Sends every profile (at once: they are independent) and returns once each was accepted. */
  void putProfiles(List<ProfileUpdate> profiles) throws InterruptedException {
    List<Future<?>> sends = new ArrayList<>();
    for (ProfileUpdate update : profiles) {
      HttpRequest request = request(URI.create(users + URLEncoder.encode(update.userId(), StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(update.profile()))).build();
      sends.add(profileSenders.submit(() -> send(request, 202)));
    }
    for (Future<?> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
      }
    }
  }

  /** Posts the events as one NDJSON batch, retrying until accepted; returns how many ingest accepted. */
  int postEvents(List<Event> batch) throws InterruptedException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 240);
    for (Event event : batch) {
      body.writeBytes(EventJson.write(event));
      body.write('\n');
    }
    HttpRequest request = request(events).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> response = send(request, 202);
    if (response == null) {
      return 0;
    }
    Matcher accepted = ACCEPTED.matcher(response.body());
    return accepted.find() ? Integer.parseInt(accepted.group(1)) : 0;
  }

  /** Posts one malformed event alone (a batch with it would be refused whole); returns the status: 400 expected. */
  int postMalformed(byte[] json) throws InterruptedException {
    HttpRequest request = request(events).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
    HttpResponse<String> response = send(request, 400);
    return response == null ? -1 : response.statusCode();
  }

  /** Requests sent again after a 429, a 503 or a lost connection. */
  long retries() {
    return retries.get();
  }

  @Override
  public void close() {
    profileSenders.shutdownNow();
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).header("X-Api-Key", apiKey).timeout(Duration.ofSeconds(30));
  }

  /** The response with the expected status, retried on 429/503/IO errors; null when stopped while retrying. */
  private HttpResponse<String> send(HttpRequest request, int expected) throws InterruptedException {
    Duration backoff = Duration.ofMillis(250);
    while (true) {
      Duration wait;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == expected) {
          return response;
        }
        if (status != 429 && status != 503) {
          throw new Refused(request.method() + " " + request.uri() + " answered " + status + ": " + response.body());
        }
        wait = response.headers().firstValueAsLong("Retry-After").stream()
            .mapToObj(Duration::ofSeconds).findFirst().orElse(backoff);
      } catch (IOException e) {
        wait = backoff;
      }
      if (!running.getAsBoolean()) {
        return null;
      }
      retries.incrementAndGet();
      Thread.sleep(min(wait, MAX_BACKOFF).toMillis());
      backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
