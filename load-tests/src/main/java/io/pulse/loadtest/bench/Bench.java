package io.pulse.loadtest.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The end-to-end benchmark driver behind scripts/bench.sh, against a running platform:
 * <ol>
 *   <li>PUTs a profile for every user, so the profile join and the country/plan facets have data;</li>
 *   <li>the raw-Kafka baseline (plain producer, then plain consumer, on a fresh topic);</li>
 *   <li>the <b>throughput phase</b>: NDJSON batches at {@code --rate} events/s plus top-10 queries at
 *       {@code --query-rate}, warm-up first, then {@code --duration} seconds measured;</li>
 *   <li>waits for the aggregator and sink to drain, then the <b>latency phase</b> at
 *       {@code --latency-rate-percent} of the rate, measured the same way;</li>
 *   <li>a summary with the targets and the ratios to the raw broker.</li>
 * </ol>
 * Exit status 0 when everything ran (whether or not targets were met), 1 on a failure to run.
 */
public final class Bench {

  private final BenchOptions options;
  private final EventFactory events;
  private final Measures.Probes probes;
  private final PrintStream out = System.out;

  private Bench(BenchOptions options, Admin admin) {
    this.options = options;
    this.events = new EventFactory(options.users(), options.entities());
    this.probes = new Measures.Probes(options, new ProcessStats(options.processes(), options.clockTicks()), new ConsumerLag(admin));
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap()))) {
      new Bench(options, admin).run(admin);
    }
  }

  private void run(Admin admin) throws Exception {
    checkAggregationListed();
    seedProfiles();
    RawKafkaBaseline.Result raw = null;
    if (options.baselineRecords() > 0) {
      out.printf("%n== raw Kafka baseline: %,d records, plain producer then plain consumer, fresh topic ==%n",
          options.baselineRecords());
      raw = RawKafkaBaseline.run(admin, options.bootstrap(), 6, options.baselineRecords(), events);
      out.printf("  producer  %,10.0f records/s  (acks=all, idempotent, lz4, linger 5 ms, 64 KB batches; %.0f-byte values)%n",
          raw.produceRecordsPerSecond(), raw.avgRecordBytes());
      out.printf("  consumer  %,10.0f records/s%n", raw.consumeRecordsPerSecond());
    }
    // The latency phase first: it then starts on an idle platform, whatever the throughput phase leaves behind.
    List<PhaseReport> phases = new ArrayList<>();
    if (options.rate() > 0) {
      if (options.latencyRatePercent() > 0) {
        PhaseReport latency = phase("latency", options.rate() * options.latencyRatePercent() / 100, null);
        phases.add(latency.drained(drain()));
      }
      PhaseReport throughput = phase("throughput", options.rate(), options.jfrDir());
      phases.addFirst(throughput.drained(drain()));
      checkCompleteness();
    }
    if (options.capacityRecords() > 0) {
      CapacityProbe.run(probes, options.bootstrap(), options.capacityRecords(), events, options.drainTimeoutSeconds() * 3, out);
    }
    if (!phases.isEmpty()) {
      Summary.print(out, raw, phases, options);
    }
  }

  private PhaseReport phase(String name, int rate, Path jfrDir) throws Exception {
    out.printf("%n-- %s phase: %,d events/s + %d top-10 queries/s; warming up %d s, then measuring %d s ...%n",
        name, rate, options.queryRate(), options.warmUpSeconds(), options.durationSeconds());
    HttpClient ingestClient = client();
    HttpClient queryClient = client();
    URI ingestUri = URI.create(options.ingestUrl() + "/v1/events");
    URI queryUri = URI.create(options.queryUrl() + "/v1/leaderboards/" + options.aggregation() + "?limit=10");
    OpenLoopDriver ingest = new OpenLoopDriver("ingest", ingestClient, (double) rate / options.batch(),
        options.maxInFlight(), 202, options.batch(),
        () -> HttpRequest.newBuilder(ingestUri).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-ndjson").header("X-Api-Key", options.apiKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(events.ndjson(options.batch(), System.currentTimeMillis())))
            .build());
    OpenLoopDriver query = new OpenLoopDriver("query", queryClient, options.queryRate(), 16, 200, 0,
        () -> HttpRequest.newBuilder(queryUri).timeout(Duration.ofSeconds(30)).header("X-Api-Key", options.readKey())
            .GET().build());
    try {
      ingest.start();
      query.start();
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmUpSeconds()));
      ingest.interval();
      query.interval();
      if (jfrDir != null) {
        startFlightRecordings(jfrDir);
      }
      Measures before = probes.take();
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.durationSeconds()));
      OpenLoopDriver.Interval ingestInterval = ingest.interval();
      OpenLoopDriver.Interval queryInterval = query.interval();
      Measures after = probes.take();
      return PhaseReport.of(name, rate, before, after, ingestInterval, queryInterval, probes.processStats(), out);
    } finally {
      ingest.stop();
      query.stop();
      ingestClient.close();
      queryClient.close();
    }
  }

  /**
   * Waits until aggregator and sink have consumed everything, says how long that took and returns
   * the seconds (infinite when it gave up). Gives up at the time limit, or early when the backlog
   * does not shrink by a tenth in 20 s.
   */
  private double drain() throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(options.drainTimeoutSeconds());
    long backlog = probes.backlog();
    long checkpoint = backlog;
    long checkpointAt = started;
    while (backlog > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      backlog = probes.backlog();
      if (System.nanoTime() - checkpointAt > TimeUnit.SECONDS.toNanos(20)) {
        if (backlog > checkpoint * 0.9) {
          break;
        }
        checkpoint = backlog;
        checkpointAt = System.nanoTime();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (backlog > 0) {
      out.printf("  drain: %,d records still unprocessed %.0f s after the load stopped; going on%n", backlog, seconds);
      return Double.POSITIVE_INFINITY;
    }
    out.printf("  drain: aggregator and sink caught up %.1f s after the load stopped%n", seconds);
    return seconds;
  }

  /** Every accepted event should be a row of ClickHouse 'events' once drained (at-least-once: maybe more). */
  private void checkCompleteness() {
    Measures now = probes.take();
    double accepted = now.ingest().sum("pulse_ingest_events_total");
    out.printf("%n  completeness: ClickHouse 'events' holds %,d rows for %,.0f events accepted by ingest (%.2f %%)%n",
        now.eventRows(), accepted, accepted == 0 ? 0 : 100.0 * now.eventRows() / accepted);
  }

  private void checkAggregationListed() {
    String listed = Measures.Probes.get(options.queryUrl() + "/v1/aggregations", options.readKey());
    if (listed == null || !listed.contains("\"" + options.aggregation() + "\"")) {
      throw new IllegalStateException("query API does not list aggregation '" + options.aggregation()
          + "' (GET /v1/aggregations: " + listed + "); pass --aggregation with a declared one");
    }
  }

  /** One profile per user through the real API (the aggregator joins events with them). */
  private void seedProfiles() throws InterruptedException {
    long started = System.nanoTime();
    Semaphore window = new Semaphore(32);
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    try (HttpClient client = client()) {
      for (int i = 0; i < options.users(); i++) {
        window.acquire();
        HttpRequest put = HttpRequest.newBuilder(URI.create(options.ingestUrl() + "/v1/users/" + EventFactory.userId(i)))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("X-Api-Key", options.apiKey())
            .PUT(HttpRequest.BodyPublishers.ofString(EventFactory.profileJson(i))).build();
        pending.add(client.sendAsync(put, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
          window.release();
          if (error != null || response.statusCode() != 202) {
            failed.incrementAndGet();
          }
        }));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " of " + options.users() + " profile PUTs failed");
    }
    out.printf("seeded %,d user profiles in %.1f s%n", options.users(), (System.nanoTime() - started) / 1e9);
  }

  /** A JFR recording of the measured part of the phase in every JVM of the platform (for the hot methods). */
  private void startFlightRecordings(Path dir) throws Exception {
    Files.createDirectories(dir);
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    for (Map.Entry<String, Long> process : options.processes().entrySet()) {
      String cmdline = Files.exists(Path.of("/proc", process.getValue().toString(), "cmdline"))
          ? Files.readString(Path.of("/proc", process.getValue().toString(), "cmdline")) : "";
      if (!cmdline.contains("java") || process.getValue() == ProcessHandle.current().pid()) {
        continue;
      }
      Path file = dir.resolve(process.getKey().replaceAll("[^A-Za-z0-9-]", "_") + ".jfr");
      new ProcessBuilder(jcmd, process.getValue().toString(), "JFR.start", "name=bench", "settings=profile",
          "duration=" + options.durationSeconds() + "s", "filename=" + file)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }
}
