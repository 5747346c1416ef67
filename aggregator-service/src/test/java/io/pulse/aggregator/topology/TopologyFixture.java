package io.pulse.aggregator.topology;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.json.Json;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Drives the real topology with TopologyTestDriver. Arrival (record) time is deliberately far from
 * event time, and wall-clock time only moves when a test says so, so emission is deterministic.
 */
final class TopologyFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  static final Duration EMIT_INTERVAL = Duration.ofMillis(250);
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** As deployed: tumbling and hopping aggregations by these go through partials (one source partition here). */
  static final Set<String> PRE_AGGREGATED = Set.of("country", "plan", "type");

  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> events;
  final TestInputTopic<String, byte[]> profiles;
  final TestOutputTopic<String, WindowResult> results;
  final TestOutputTopic<String, LateEvent> late;
  final TestOutputTopic<String, byte[]> deadLetters;
  final TestOutputTopic<String, EnrichedEvent> enriched;
  final List<WindowResult> rows = new ArrayList<>();
  final CountingMetrics metrics = new CountingMetrics();
  private int sequence;

  TopologyFixture(AggregationDefinition... aggregations) {
    StreamsBuilder builder = new StreamsBuilder();
    new AnalyticsTopology(new AggregatorProperties(List.of(aggregations), Duration.ofHours(1), EMIT_INTERVAL, IDLE_TIMEOUT,
        PRE_AGGREGATED, 0, 0), 1, metrics).buildInto(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    config.put(StreamsConfig.STATE_DIR_CONFIG, tempStateDir());
    // as in application.yml: unreadable profiles go to their dead-letter topic, the stream goes on
    config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
    config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.USER_PROFILES_DLQ.name());
    config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, io.pulse.aggregator.config.BoundedRocksDb.class); // as deployed
    driver = new TopologyTestDriver(builder.build(), config, Instant.parse("2030-01-01T00:00:00Z"));
    events = driver.createInputTopic(Topics.EVENTS.name(), Topics.EVENTS.keySerde().serializer(), Topics.EVENTS.valueSerde().serializer());
    profiles = driver.createInputTopic(Topics.USER_PROFILES.name(), Topics.USER_PROFILES.keySerde().serializer(),
        Topics.USER_PROFILES.valueSerde().serializer());
    results = driver.createOutputTopic(Topics.WINDOW_RESULTS.name(), Topics.WINDOW_RESULTS.keySerde().deserializer(),
        Topics.WINDOW_RESULTS.valueSerde().deserializer());
    late = driver.createOutputTopic(Topics.EVENTS_LATE.name(), Topics.EVENTS_LATE.keySerde().deserializer(),
        Topics.EVENTS_LATE.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(Topics.EVENTS_DLQ.name(), Topics.EVENTS_DLQ.keySerde().deserializer(),
        Topics.EVENTS_DLQ.valueSerde().deserializer());
    enriched = driver.createOutputTopic(Topics.EVENTS_ENRICHED.name(), Topics.EVENTS_ENRICHED.keySerde().deserializer(),
        Topics.EVENTS_ENRICHED.valueSerde().deserializer());
  }

  private static String tempStateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("topology-test").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static AggregationDefinition aggregation(String name, WindowSpec window, Duration grace, Measure measure,
      String groupBy, List<String> facets, EmitMode emit, String... types) {
    return new AggregationDefinition(name, Set.of(types), groupBy, facets, measure, window, grace, emit);
  }

  /**
   * One aggregation "agg" of each window type, on a one-minute scale (hopping: 2 min every minute),
   * with a grace of two minutes: for tests that must hold for every type.
   */
  static AggregationDefinition ofType(WindowType type, String groupBy, EmitMode emit) {
    return ofType(type, groupBy, emit, Measure.COUNT);
  }

  static AggregationDefinition ofType(WindowType type, String groupBy, EmitMode emit, Measure measure) {
    Duration minute = Duration.ofMinutes(1);
    WindowSpec window = switch (type) {
      case TUMBLING -> tumbling(minute);
      case HOPPING -> hopping(minute.multipliedBy(2), minute);
      case SLIDING -> sliding(minute);
      case SESSION -> session(minute);
    };
    return aggregation("agg", window, minute.multipliedBy(2), measure, groupBy, List.of(), emit);
  }

  static WindowSpec tumbling(Duration size) {
    return new WindowSpec(WindowType.TUMBLING, size, null, null);
  }

  static WindowSpec hopping(Duration size, Duration advance) {
    return new WindowSpec(WindowType.HOPPING, size, advance, null);
  }

  static WindowSpec sliding(Duration size) {
    return new WindowSpec(WindowType.SLIDING, size, null, null);
  }

  static WindowSpec session(Duration gap) {
    return new WindowSpec(WindowType.SESSION, null, null, gap);
  }

  /** Sends one event with a fresh eventId; returns that id. */
  String send(String type, String user, String entity, Instant time) {
    return send("e" + (++sequence), type, user, entity, null, time);
  }

  String send(String eventId, String type, String user, String entity, Double value, Instant time) {
    Event event = new Event(eventId, type, user, entity, value, time, Map.of());
    events.pipeInput(user, EventJson.write(event));
    return eventId;
  }

  void profile(String user, String country, String plan) {
    profiles.pipeInput(user, Json.MAPPER.writeValueAsBytes(new UserProfile(country, plan)));
  }

  /** Lets one emit interval of wall-clock time pass, then collects what was emitted. */
  List<WindowResult> tick() {
    return advanceWallClock(EMIT_INTERVAL);
  }

  List<WindowResult> advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
    List<WindowResult> emitted = results.readValuesToList();
    rows.addAll(emitted);
    return emitted;
  }

  /** What a reader of ClickHouse sees: per window and group, the row with the highest revision, minus retractions. */
  Map<String, WindowResult> latest(String aggregation) {
    Map<String, WindowResult> latest = new HashMap<>();
    for (WindowResult row : rows) {
      if (row.aggregation().equals(aggregation)) {
        latest.merge(key(row), row, (a, b) -> a.revision() >= b.revision() ? a : b);
      }
    }
    latest.values().removeIf(WindowResult::retracted);
    return latest;
  }

  /** "HH:mm:ss-HH:mm:ss group" → value of the latest revision. */
  Map<String, Double> values(String aggregation) {
    Map<String, Double> values = new HashMap<>();
    latest(aggregation).forEach((key, row) -> values.put(key, row.value()));
    return values;
  }

  static String key(WindowResult row) {
    String group = String.join("/", List.of(row.groupKey(), row.type(), row.country(), row.plan()).stream()
        .filter(s -> !s.isEmpty()).toList());
    return row.windowStart().toString().substring(11, 19) + "-" + row.windowEnd().toString().substring(11, 19) + " " + group;
  }

  @Override
  public void close() {
    driver.close();
  }

  static final class CountingMetrics implements StreamMetrics {
    int duplicates;
    int poison;
    final Map<String, Integer> late = new HashMap<>();

    @Override
    public void duplicate() {
      duplicates++;
    }

    @Override
    public void poison() {
      poison++;
    }

    @Override
    public void late(String aggregation) {
      late.merge(aggregation, 1, Integer::sum);
    }
  }
}
