package io.pulse.loadtest.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a constant rate (an open model: the schedule does not wait for answers) with at
 * most {@code maxInFlight} outstanding. When that bound is reached the schedule stalls, so the
 * achieved rate shows overload honestly; slots more than one second behind are skipped and counted
 * as missed instead of being fired in a burst. Latency is from handing the request to the client to
 * the complete response, in microseconds.
 */
final class OpenLoopDriver {

  /** What happened between two {@link #interval()} calls. */
  record Interval(Histogram latencyMicros, long ok, long failed, long okItems, long missed, Map<String, Long> failures,
      double seconds) {

    double okPerSecond() {
      return ok / seconds;
    }

    double itemsPerSecond() {
      return okItems / seconds;
    }
  }

  private static final long MAX_BEHIND_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String name;
  private final HttpClient client;
  private final long periodNanos;
  private final int maxInFlight;
  private final Semaphore inFlight;
  private final Supplier<HttpRequest> requests;
  private final int expectedStatus;
  private final int itemsPerRequest;
  private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder missed = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread scheduler;
  private long intervalStart;

  OpenLoopDriver(String name, HttpClient client, double requestsPerSecond, int maxInFlight, int expectedStatus,
      int itemsPerRequest, Supplier<HttpRequest> requests) {
    this.name = name;
    this.client = client;
    this.periodNanos = Math.max(1, Math.round(1e9 / requestsPerSecond));
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.expectedStatus = expectedStatus;
    this.itemsPerRequest = itemsPerRequest;
    this.requests = requests;
  }

  void start() {
    running = true;
    intervalStart = System.nanoTime();
    scheduler = Thread.ofPlatform().name(name + "-scheduler").daemon().start(this::schedule);
  }

  /** Counts and latencies since the previous call (or the start), then starts a new interval. */
  synchronized Interval interval() {
    long now = System.nanoTime();
    Histogram histogram = latency.getIntervalHistogram();
    Map<String, Long> failureCounts = new java.util.TreeMap<>();
    failures.forEach((reason, count) -> failureCounts.put(reason, count.sumThenReset()));
    long okCount = ok.sumThenReset();
    Interval interval = new Interval(histogram, okCount, failed.sumThenReset(), okCount * itemsPerRequest,
        missed.sumThenReset(), failureCounts, (now - intervalStart) / 1e9);
    intervalStart = now;
    return interval;
  }

  /** Stops scheduling and waits (bounded) for the outstanding requests. */
  void stop() throws InterruptedException {
    running = false;
    scheduler.interrupt();
    scheduler.join(5_000);
    if (inFlight.tryAcquire(maxInFlight, 15, TimeUnit.SECONDS)) {
      inFlight.release(maxInFlight);
    }
  }

  private void schedule() {
    long next = System.nanoTime();
    while (running) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      if (-wait > MAX_BEHIND_NANOS) {
        long skipped = -wait / periodNanos;
        missed.add(skipped);
        next += skipped * periodNanos;
      }
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      send(requests.get());
      next += periodNanos;
    }
  }

  private void send(HttpRequest request) {
    long started = System.nanoTime();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      inFlight.release();
      if (error != null) {
        failed.increment();
        failures.computeIfAbsent(rootCause(error), k -> new LongAdder()).increment();
        return;
      }
      if (response.statusCode() == expectedStatus) {
        latency.recordValue(Math.min(TimeUnit.SECONDS.toMicros(60), (System.nanoTime() - started) / 1_000));
        ok.increment();
      } else {
        failed.increment();
        failures.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder()).increment();
      }
    });
  }

  private static String rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName();
  }
}
