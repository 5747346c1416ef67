package io.pulse.e2e;

import static org.awaitility.Awaitility.await;

import io.pulse.contracts.event.Event;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved client posting a steady flow of batches: a batch answered 429 or 503 (or not
 * answered at all) is sent again, unchanged, after the Retry-After it was given, until it gets 202.
 * Only 202-answered events count as accepted; every status seen is tallied.
 */
final class SteadyTraffic implements AutoCloseable {

  private static final int BATCH = 25;
  private static final Duration INTERVAL = Duration.ofMillis(50);
  /** A retried batch waits for Retry-After, but never longer than this (the tests have a time budget). */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final PlatformClient client;
  private final FaultEvents events;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Event> accepted = new ArrayList<>();
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private volatile List<Event> pending;
  private volatile boolean stopping;
  private volatile Instant lastAccepted = Instant.EPOCH;
  private long notBefore = System.nanoTime();
  private int refusedWithoutRetryAfter;
  private int connectionFailures;

  private SteadyTraffic(PlatformClient client, FaultEvents events) {
    this.client = client;
    this.events = events;
  }

  static SteadyTraffic start(PlatformClient client, FaultEvents events) {
    SteadyTraffic traffic = new SteadyTraffic(client, events);
    traffic.scheduler.scheduleWithFixedDelay(traffic::tick, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return traffic;
  }

  private void tick() {
    if (System.nanoTime() - notBefore < 0) {
      return;
    }
    if (pending == null) {
      if (stopping) {
        return;
      }
      pending = events.nextBatch(BATCH);
    }
    try {
      HttpResponse<String> response = client.postArray(pending);
      int status = response.statusCode();
      synchronized (this) {
        statuses.merge(status, 1, Integer::sum);
        if (status == 202) {
          accepted.addAll(pending);
          pending = null;
          lastAccepted = Instant.now();
          return;
        }
      }
      String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
      if (retryAfter == null) {
        synchronized (this) {
          refusedWithoutRetryAfter++;
        }
      }
      backOff(retryAfter == null ? Duration.ofSeconds(1) : Duration.ofSeconds(Long.parseLong(retryAfter)));
    } catch (IOException e) {
      synchronized (this) {
        connectionFailures++;
      }
      backOff(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void backOff(Duration retryAfter) {
    notBefore = System.nanoTime() + (retryAfter.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : retryAfter).toNanos();
  }

  synchronized int acceptedCount() {
    return accepted.size();
  }

  Instant lastAccepted() {
    return lastAccepted;
  }

  /** Waits until {@code more} further events were accepted. */
  SteadyTraffic awaitMoreAccepted(int more, Duration timeout) {
    int target = acceptedCount() + more;
    await("%d accepted events".formatted(target)).atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> acceptedCount() >= target);
    return this;
  }

  /** Stops taking new batches, lets the pending one get its 202, and returns every accepted event. */
  List<Event> stop(Duration timeout) {
    stopping = true;
    await("the last batch accepted").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> pending == null);
    close();
    synchronized (this) {
      return List.copyOf(accepted);
    }
  }

  /** Status → responses, e.g. {202=310, 503=4}. */
  synchronized Map<Integer, Integer> statuses() {
    return new TreeMap<>(statuses);
  }

  synchronized int refusedWithoutRetryAfter() {
    return refusedWithoutRetryAfter;
  }

  synchronized int connectionFailures() {
    return connectionFailures;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(40, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the traffic thread did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
