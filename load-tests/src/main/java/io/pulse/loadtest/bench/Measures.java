package io.pulse.loadtest.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Everything the benchmark reads from the running platform at one instant: process CPU and memory,
 * both services' Prometheus scrapes, the consumer groups' offsets, the row count of ClickHouse
 * {@code events} and ClickHouse's own insert and merge counters. A phase's figures are the
 * differences between two of these.
 */
record Measures(ProcessStats.Snapshot processes, PrometheusText ingest, PrometheusText aggregator,
    Map<String, ConsumerLag.TopicOffsets> streams, Map<String, ConsumerLag.TopicOffsets> sink, long eventRows,
    long offsetsNanos, long rowsNanos, Map<String, Long> topicEnds, Map<String, Long> clickHouseCounters) {

  /** Counters of ClickHouse's system.events: every insert is a part, and merges rewrite parts again and again. */
  static final List<String> CLICKHOUSE_COUNTERS = List.of("InsertQuery", "InsertedRows", "MergedRows");

  /**
   * What ClickHouse did between two measures: inserts, rows inserted, rows its merges rewrote. Merges
   * run in the background on the same cores; their rows per inserted row is the write amplification.
   */
  static String clickHouseWork(Measures before, Measures after) {
    ToLongFunction<String> delta = counter ->
        after.clickHouseCounters().getOrDefault(counter, 0L) - before.clickHouseCounters().getOrDefault(counter, 0L);
    long inserted = delta.applyAsLong("InsertedRows");
    long merged = delta.applyAsLong("MergedRows");
    return "%,d inserts, %,d rows inserted, %,d rows merged (%.1f per row inserted)".formatted(
        delta.applyAsLong("InsertQuery"), inserted, merged, inserted == 0 ? 0 : (double) merged / inserted);
  }

  /** Records written to the broker between two measures, per topic group (input, repartition, changelog, ...). */
  static Map<String, Long> brokerWrites(Measures before, Measures after) {
    Map<String, Long> writes = new java.util.TreeMap<>();
    after.topicEnds().forEach((topic, end) -> {
      long written = end - before.topicEnds().getOrDefault(topic, 0L);
      if (written > 0) {
        writes.merge(topicGroup(topic), written, Long::sum);
      }
    });
    return writes;
  }

  private static String topicGroup(String topic) {
    if (topic.endsWith("-changelog")) {
      return "changelogs";
    }
    if (topic.endsWith("-repartition")) {
      return "repartitions";
    }
    return topic.startsWith("__") ? "internal" : topic;
  }

  /** Seconds between the consumer-offset readings of two measures. */
  static double offsetSeconds(Measures before, Measures after) {
    return (after.offsetsNanos() - before.offsetsNanos()) / 1e9;
  }

  /** Seconds between the ClickHouse row counts of two measures. */
  static double rowSeconds(Measures before, Measures after) {
    return (after.rowsNanos() - before.rowsNanos()) / 1e9;
  }

  static final String STREAMS_GROUP = "pulse-aggregator";
  /** The aggregator's input; its repartition topics are counted once it has committed on them. */
  static final java.util.List<String> STREAMS_INPUTS = java.util.List.of("events");
  /** The sink's listeners each consume one topic as their own group (spring-kafka: the listener id is the group). */
  static final Map<String, String> SINK_GROUPS = Map.of(
      "sink-events", "events-enriched", "sink-window-results", "window-results", "sink-late-events", "events-late");

  /** Probes used to take measures; one instance per benchmark run. */
  record Probes(BenchOptions options, ProcessStats processStats, ConsumerLag lag) {

    Measures take() {
      ProcessStats.Snapshot processes = processStats.snapshot();
      PrometheusText ingest = scrape(options.ingestUrl());
      PrometheusText aggregator = scrape(options.aggregatorUrl());
      Map<String, ConsumerLag.TopicOffsets> streams = lag.of(STREAMS_GROUP, STREAMS_INPUTS);
      Map<String, ConsumerLag.TopicOffsets> sink = sinkOffsets();
      long offsetsNanos = System.nanoTime();
      Map<String, Long> topicEnds = lag.endOffsets();
      long rows = eventRows();
      long rowsNanos = System.nanoTime();
      return new Measures(processes, ingest, aggregator, streams, sink, rows, offsetsNanos, rowsNanos, topicEnds,
          clickHouseCounters());
    }

    /** The {@link #CLICKHOUSE_COUNTERS} since the server started (absent ones: not counted yet). */
    Map<String, Long> clickHouseCounters() {
      String rows = clickHouse("SELECT event, value FROM system.events WHERE event IN ('"
          + String.join("', '", CLICKHOUSE_COUNTERS) + "')");
      Map<String, Long> counters = new HashMap<>();
      if (rows != null) {
        rows.lines().map(line -> line.split("\t")).filter(cells -> cells.length == 2)
            .forEach(cells -> counters.put(cells[0], Long.parseLong(cells[1].trim())));
      }
      return counters;
    }

    /** Records still to be processed by the aggregator (input and repartition topics) and the sink. */
    long backlog() {
      return lag.of(STREAMS_GROUP, STREAMS_INPUTS).values().stream().mapToLong(ConsumerLag.TopicOffsets::lag).sum()
          + sinkOffsets().values().stream().mapToLong(ConsumerLag.TopicOffsets::lag).sum();
    }

    /** Offsets of all the sink's groups, per topic. */
    Map<String, ConsumerLag.TopicOffsets> sinkOffsets() {
      Map<String, ConsumerLag.TopicOffsets> offsets = new java.util.TreeMap<>();
      SINK_GROUPS.forEach((group, topic) -> offsets.putAll(lag.of(group, java.util.List.of(topic))));
      return offsets;
    }

    long eventRows() {
      String count = clickHouse("SELECT count() FROM events");
      return count == null ? -1 : Long.parseLong(count.trim());
    }

    /** The answer of ClickHouse to {@code sql} (a fresh connection: the server drops idle ones after 3 s). */
    String clickHouse(String sql) {
      return get(options.clickHouseUrl() + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
    }

    private static PrometheusText scrape(String baseUrl) {
      String text = get(baseUrl + "/actuator/prometheus");
      return text == null ? PrometheusText.EMPTY : PrometheusText.parse(text);
    }

    static String get(String url) {
      return get(url, null);
    }

    /** The body of a 200 answer to GET {@code url}, with {@code key} in X-Api-Key unless null; else null. */
    static String get(String url, String key) {
      try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
          request.header("X-Api-Key", key);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : null;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return null;
      }
    }
  }
}
