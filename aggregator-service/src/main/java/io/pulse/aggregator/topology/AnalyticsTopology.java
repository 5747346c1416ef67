package io.pulse.aggregator.topology;

import static io.pulse.contracts.topic.Topics.EVENTS;
import static io.pulse.contracts.topic.Topics.EVENTS_DLQ;
import static io.pulse.contracts.topic.Topics.EVENTS_ENRICHED;
import static io.pulse.contracts.topic.Topics.EVENTS_LATE;
import static io.pulse.contracts.topic.Topics.USER_PROFILES;
import static io.pulse.contracts.topic.Topics.WINDOW_RESULTS;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.JsonSerde;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole stream-processing core, top-down:
 *
 * <pre>
 * events ─▶ parse (record time := event time) ─┬─▶ poison ─▶ events-dlq
 *                                               └─▶ dedup by eventId ─▶ left-join user profiles (KTable)
 *                                                   ─┬─▶ events-enriched (raw record for ClickHouse)
 *                                                    └─▶ per aggregation: filter ─▶ re-key by group ─▶ repartition
 *                                                        ─▶ watermark gate ─┬─▶ late (unless a window counts it) ─▶ events-late
 *                                                                            └─▶ window ─▶ aggregate ─▶ finalizer
 *                                                        ─▶ window-results (versioned rows) ─▶ ClickHouse sink
 * </pre>
 */
public final class AnalyticsTopology {

  static final String DEDUP_STORE = "event-ids-seen";
  static final String PROFILES_STORE = "user-profiles";

  private final AggregatorProperties properties;
  private final StreamMetrics metrics;
  // Internal records (repartition topics, state stores) are binary; public topics stay JSON.
  private final SourcedEventSerde sourcedSerde = new SourcedEventSerde();
  private final WindowAccumulatorSerde accumulatorSerde = new WindowAccumulatorSerde();

  public AnalyticsTopology(AggregatorProperties properties, StreamMetrics metrics) {
    this.properties = properties;
    this.metrics = metrics;
  }

  public void buildInto(StreamsBuilder builder) {
    KStream<String, SourcedEvent> enriched = validEvents(builder)
        .processValues(() -> new DeduplicateEvents(DEDUP_STORE, properties.dedupHorizon(), metrics::duplicate),
            Named.as("dedup-by-event-id"), DEDUP_STORE)
        .leftJoin(userProfiles(builder), (parsed, profile) -> new SourcedEvent(
            EnrichedEvent.of(parsed.event(), Instant.ofEpochMilli(parsed.receivedAtMs()), profile), parsed.source()));

    enriched.mapValues(SourcedEvent::event, Named.as("enriched-event"))
        .to(EVENTS_ENRICHED.name(), Produced.with(EVENTS_ENRICHED.keySerde(), EVENTS_ENRICHED.valueSerde()));
    for (AggregationDefinition definition : properties.aggregations()) {
      aggregate(builder, enriched, definition);
    }
  }

  /** Parses the raw topic; poison records leave for the dead-letter topic with their reason. */
  private KStream<String, ParsedEvent> validEvents(StreamsBuilder builder) {
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUP_STORE, properties.dedupHorizon().multipliedBy(2), properties.dedupHorizon(), false),
        Serdes.String(), Serdes.Long()));
    Map<String, KStream<String, ParsedEvent>> branches = builder
        .stream(EVENTS.name(), Consumed.with(EVENTS.keySerde(), EVENTS.valueSerde()))
        .processValues(ParseEvent::new, Named.as("parse-event"))
        .split(Named.as("event-"))
        .branch((key, parsed) -> parsed.valid(), Branched.as("valid"))
        .defaultBranch(Branched.as("poison"));
    branches.get("event-poison")
        .peek((key, parsed) -> metrics.poison())
        .processValues(DeadLetter::new, Named.as("to-dead-letter"))
        .to(EVENTS_DLQ.name(), Produced.with(EVENTS_DLQ.keySerde(), EVENTS_DLQ.valueSerde()));
    return branches.get("event-valid");
  }

  /** Stream-table duality: the compacted profiles topic read as a table of the latest profile per user. */
  private KTable<String, UserProfile> userProfiles(StreamsBuilder builder) {
    JsonSerde<UserProfile> profileSerde = new JsonSerde<>(UserProfile.class);
    return builder.table(USER_PROFILES.name(),
        Consumed.with(Serdes.String(), profileSerde),
        Materialized.<String, UserProfile, KeyValueStore<Bytes, byte[]>>as(PROFILES_STORE)
            .withKeySerde(Serdes.String()).withValueSerde(profileSerde));
  }

  /** One declared aggregation: its events, re-keyed by group, gated by the watermark, windowed, finalized. */
  private void aggregate(StreamsBuilder builder, KStream<String, SourcedEvent> enriched, AggregationDefinition definition) {
    String name = definition.name();
    String clockStore = name + "-stream-time";
    String openStore = name + "-open-windows";
    // Cached: stream time moves with nearly every event, and only its value at commit needs logging
    // (one changelog record per commit instead of one per event).
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(clockStore), Serdes.String(), Serdes.Long())
        .withCachingEnabled());
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(openStore), Serdes.String(),
        new OpenWindowSerde()).withCachingEnabled());

    Map<String, KStream<String, GateResult>> gated = enriched
        .filter((userId, sourced) -> matches(definition, sourced.event()), Named.as(name + "-filter"))
        .selectKey((userId, sourced) -> GroupKey.of(definition, sourced.event()).encode(), Named.as(name + "-key-by-group"))
        .repartition(Repartitioned.with(Serdes.String(), sourcedSerde).withName(name + "-by-group"))
        .processValues(() -> new WatermarkGate(definition, clockStore), Named.as(name + "-watermark-gate"), clockStore)
        .split(Named.as(name + "-"))
        .branch((key, result) -> result.isLate(), Branched.as("late"))
        .defaultBranch(Branched.as("on-time"));

    Windowing.changes(
            gated.get(name + "-on-time").mapValues(GateResult::event, Named.as(name + "-on-time-event")),
            definition, sourcedSerde, accumulatorSerde)
        .process(() -> new WindowFinalizer(definition, clockStore, openStore, properties.emitInterval(), properties.idleTimeout()),
            Named.as(name + "-finalizer"), clockStore, openStore, Windowing.storeName(definition))
        .to(WINDOW_RESULTS.name(), Produced.with(WINDOW_RESULTS.keySerde(), WINDOW_RESULTS.valueSerde()));

    // After the windows, whose store it reads: the store comes into the topology with them.
    gated.get(name + "-late")
        .processValues(() -> new DropCountedReplays(definition), Named.as(name + "-drop-counted-replays"),
            Windowing.storeName(definition))
        .peek((key, result) -> metrics.late(name))
        .mapValues(GateResult::late, Named.as(name + "-late-record"))
        .to(EVENTS_LATE.name(), Produced.with(EVENTS_LATE.keySerde(), EVENTS_LATE.valueSerde()));
  }

  /** The event is of a counted type and has the group-by dimension. */
  private static boolean matches(AggregationDefinition definition, EnrichedEvent event) {
    return (definition.eventTypes().isEmpty() || definition.eventTypes().contains(event.event().type()))
        && GroupKey.of(definition, event) != null;
  }
}
