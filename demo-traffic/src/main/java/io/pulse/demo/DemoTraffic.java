package io.pulse.demo;

import io.pulse.contracts.event.Event;
import io.pulse.demo.TrafficModel.Outgoing;
import io.pulse.demo.TrafficModel.Poison;
import io.pulse.demo.TrafficModel.Slice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's traffic, live: every {@value #TICK_MILLIS} ms it takes the next slice of {@link TrafficModel} (as
 * many new events as the rate allows, over the event time {@link DemoClock} says has passed) and sends it through
 * ingest: profiles first, then one NDJSON batch, then any malformed record on its own. Runs until closed, or
 * until ingest refuses something a retry cannot fix. {@code ./run-local.sh --demo} and the compose service
 * {@code demo-traffic} run {@link #main}; tests run it in process with {@link #start}.
 */
public final class DemoTraffic implements AutoCloseable {

  static final long TICK_MILLIS = 100;
  private static final long REPORT_MILLIS = 10_000;
  private static final int MAX_BATCH = 5_000;
  /** Named so it never shadows the logback.xml of a module that runs the generator in process. */
  private static final String LOGBACK_CONFIG = "demo-traffic-logback.xml";

  private final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
  private final DemoOptions options;
  private final DemoClock clock;
  private final TrafficModel model;
  private final IngestClient ingest;
  private final Optional<ForeignProducer> foreign;
  private final DemoStats stats = new DemoStats();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private Thread worker;

  private DemoTraffic(DemoOptions options) {
    this.options = options;
    this.model = new TrafficModel(options.seed(), options.activeUsers(), options.kafka().isPresent());
    this.ingest = new IngestClient(options.ingestUrl(), options.apiKey(), () -> running);
    this.foreign = options.kafka().map(ForeignProducer::new);
    // Last: a Kafka producer can take seconds to create on a busy machine, and the replay starts now.
    this.clock = new DemoClock(Instant.now(), options.history(), options.catchUp(), options.rate());
  }

  /** Starts sending on a thread of its own. */
  public static DemoTraffic start(DemoOptions options) {
    DemoTraffic traffic = new DemoTraffic(options);
    traffic.worker = Thread.ofPlatform().name("demo-traffic").start(traffic::run);
    return traffic;
  }

  /** The event time of the first event: everything this run sends is at or after it. */
  public Instant firstEventTime() {
    return clock.start();
  }

  /** Every eventId of this run starts with this. */
  public String eventIdPrefix() {
    return model.eventIdPrefix();
  }

  public DemoStats.Snapshot stats() {
    return stats.snapshot(ingest.retries());
  }

  /** Why the generator stopped by itself, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  public boolean isRunning() {
    return stopped.getCount() > 0;
  }

  /** Stops after the request in flight; events held back to arrive late are not sent. */
  @Override
  public void close() {
    running = false;
    try {
      if (!stopped.await(60, TimeUnit.SECONDS)) {
        worker.interrupt();
        stopped.await(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ingest.close();
      foreign.ifPresent(ForeignProducer::close);
    }
  }

  private void run() {
    long startWall = clock.startWall();
    long previousWall = startWall;
    long previousEvent = clock.start().toEpochMilli();   // from the first moment of history, however late this thread runs
    long lastReport = previousWall;
    double carry = 0;
    log.info("Sending about {} events/s to {}{}", options.rate(), options.ingestUrl(), options.history().isZero() ? ""
        : ", first replaying the last " + options.history().toMinutes() + " minutes in " + options.catchUp().toSeconds() + " s");
    try {
      while (running) {
        Thread.sleep(Math.max(1, previousWall + TICK_MILLIS - System.currentTimeMillis()));
        long wall = System.currentTimeMillis();
        // After a stall (a long retry, a paused container) continue at the rate, not with a burst.
        double rate = clock.wallRate(wall);
        double due = Math.min(rate * (wall - previousWall) / 1000.0, rate) + carry;
        int count = (int) due;
        carry = due - count;
        long eventTime = clock.eventTime(wall);
        send(model.next(previousEvent, eventTime, count));
        stats.reached(eventTime);
        previousWall = wall;
        previousEvent = eventTime;
        if (wall - lastReport >= REPORT_MILLIS) {
          log.info("{} event time {}{}", stats(), Instant.ofEpochMilli(eventTime),
              clock.live(wall) ? "" : String.format(" (replaying history at %.0f events/s)", rate));
          lastReport = wall;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
      log.error("Demo traffic stopped: {}", e.toString());
    } finally {
      running = false;
      log.info("Demo traffic stopped after {} s: {}", (System.currentTimeMillis() - startWall) / 1000, stats());
      stopped.countDown();
    }
  }

  private void send(Slice slice) throws InterruptedException {
    ingest.putProfiles(slice.profiles());
    stats.profiles(slice.profiles().size());
    for (int from = 0; from < slice.events().size(); from += MAX_BATCH) {
      List<Outgoing> batch = slice.events().subList(from, Math.min(slice.events().size(), from + MAX_BATCH));
      List<Event> events = new ArrayList<>(batch.size());
      batch.forEach(outgoing -> events.add(outgoing.event()));
      if (ingest.postEvents(events) == events.size()) {
        batch.forEach(outgoing -> stats.accepted(outgoing.kind()));
        heartbeat();
      }
    }
    for (byte[] malformed : slice.malformed()) {
      if (ingest.postMalformed(malformed) == 400) {
        stats.refused();
      }
    }
    for (Poison poison : slice.poison()) {
      try {
        foreign.orElseThrow().send(poison);
        stats.poison();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Could not write a malformed record to Kafka (the demo goes on without it): {}", e.toString());
      }
    }
  }

  private void heartbeat() {
    options.heartbeat().ifPresent(file -> {
      try {
        Files.writeString(file, stats() + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        log.warn("Cannot write the heartbeat file {}: {}", file, e.toString());
      }
    });
  }

  /** {@code java -jar demo-traffic-exec.jar [--rate 200 ...]}: runs until SIGTERM / Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    if (Arrays.asList(args).contains("--help")) {
      System.out.println("Demo traffic for Pulse, sent through the ingest API. Options (flag, environment variable, "
          + "default):" + DemoOptions.usage());
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("demo-traffic: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoTraffic traffic = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(traffic::close, "demo-traffic-stopper"));
    traffic.stopped.await();
    if (traffic.failure().isPresent()) {
      System.exit(1);
    }
  }
}
