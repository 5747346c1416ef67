package io.pulse.aggregator.topology;

import static io.pulse.contracts.topic.Topics.EVENTS;
import static io.pulse.contracts.topic.Topics.EVENTS_DLQ;
import static io.pulse.contracts.topic.Topics.USER_PROFILES;
import static io.pulse.contracts.topic.Topics.WINDOW_RESULTS;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.JsonSerde;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole stream-processing core, top-down:
 *
 * <pre>
 * events ─▶ parse (record time := event time) ─┬─▶ poison ─▶ events-dlq
 *                                               └─▶ dedup by eventId ─▶ left-join user profiles (KTable)
 *                                                   ─▶ per aggregation: filter ─▶ group ─▶ window ─▶ aggregate
 *                                                   ─▶ window-results (one row per window version) ─▶ ClickHouse sink
 * </pre>
 */
public final class AnalyticsTopology {

  static final String DEDUP_STORE = "event-ids-seen";
  static final String PROFILES_STORE = "user-profiles";

  private final AggregatorProperties properties;
  private final StreamMetrics metrics;
  private final JsonSerde<EnrichedEvent> enrichedSerde = new JsonSerde<>(EnrichedEvent.class);
  private final JsonSerde<WindowAccumulator> accumulatorSerde = new JsonSerde<>(WindowAccumulator.class);

  public AnalyticsTopology(AggregatorProperties properties, StreamMetrics metrics) {
    this.properties = properties;
    this.metrics = metrics;
  }

  public void buildInto(StreamsBuilder builder) {
    KStream<String, EnrichedEvent> enriched = validEvents(builder)
        .processValues(() -> new DeduplicateEvents(DEDUP_STORE, properties.dedupHorizon(), metrics::duplicate),
            Named.as("dedup-by-event-id"), DEDUP_STORE)
        .leftJoin(userProfiles(builder), EnrichedEvent::of);

    for (AggregationDefinition definition : properties.aggregations()) {
      aggregate(enriched, definition)
          .toStream(Named.as(definition.name() + "-changes"))
          .map((window, acc) -> toResult(definition, window, acc), Named.as(definition.name() + "-rows"))
          .to(WINDOW_RESULTS.name(), Produced.with(WINDOW_RESULTS.keySerde(), WINDOW_RESULTS.valueSerde()));
    }
  }

  /** Parses the raw topic; poison records leave for the dead-letter topic with their reason. */
  private KStream<String, Event> validEvents(StreamsBuilder builder) {
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
    return branches.get("event-valid").mapValues(ParsedEvent::event);
  }

  /** Stream-table duality: the compacted profiles topic read as a table of the latest profile per user. */
  private KTable<String, UserProfile> userProfiles(StreamsBuilder builder) {
    JsonSerde<UserProfile> profileSerde = new JsonSerde<>(UserProfile.class);
    return builder.table(USER_PROFILES.name(),
        Consumed.with(Serdes.String(), profileSerde),
        Materialized.<String, UserProfile, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(PROFILES_STORE)
            .withKeySerde(Serdes.String()).withValueSerde(profileSerde));
  }

  private KTable<Windowed<String>, WindowAccumulator> aggregate(
      KStream<String, EnrichedEvent> enriched, AggregationDefinition definition) {
    KStream<String, EnrichedEvent> matching = enriched
        .filter((userId, event) -> definition.eventTypes().isEmpty() || definition.eventTypes().contains(event.event().type()),
            Named.as(definition.name() + "-filter-types"))
        .filter((userId, event) -> GroupKey.of(definition, event) != null, Named.as(definition.name() + "-has-group"));
    return Windowing.aggregate(
        matching.groupBy((userId, event) -> GroupKey.of(definition, event).encode(),
            Grouped.with(definition.name() + "-by-group", Serdes.String(), enrichedSerde)),
        definition, accumulatorSerde);
  }

  private static KeyValue<String, WindowResult> toResult(
      AggregationDefinition definition, Windowed<String> window, WindowAccumulator acc) {
    GroupKey key = GroupKey.decode(window.key());
    Instant start = window.window().startTime();
    Instant end = window.window().endTime();
    boolean retracted = acc == null;
    WindowAccumulator current = retracted ? WindowAccumulator.EMPTY : acc;
    WindowResult row = new WindowResult(definition.name(), start, end, key.value(), key.type(), key.country(), key.plan(),
        current.count(), current.value(definition.measure()),
        // a merged-away session can never come back, so its retraction outranks every version of it
        retracted ? Long.MAX_VALUE : current.revision(),
        false, retracted, Instant.now());
    return KeyValue.pair(definition.name() + "|" + start.toEpochMilli() + "|" + window.key(), row);
  }
}
