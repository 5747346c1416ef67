package io.pulse.aggregator.topology;

import static io.pulse.contracts.topic.Topics.EVENTS;
import static io.pulse.contracts.topic.Topics.EVENTS_DLQ;
import static io.pulse.contracts.topic.Topics.EVENTS_ENRICHED;
import static io.pulse.contracts.topic.Topics.EVENTS_LATE;
import static io.pulse.contracts.topic.Topics.USER_PROFILES;
import static io.pulse.contracts.topic.Topics.WINDOW_RESULTS;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.aggregator.events.DeadLetter;
import io.pulse.aggregator.events.DeduplicateEvents;
import io.pulse.aggregator.events.ParseEvent;
import io.pulse.aggregator.events.ParsedEvent;
import io.pulse.aggregator.events.ProfileSerde;
import io.pulse.aggregator.events.SourcedEvent;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.TopicSpec;
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

/**
 * The whole stream-processing core, top-down:
 *
 * <pre>
 * events ─▶ parse (record time := event time) ─┬─▶ poison ─▶ events-dlq
 *                                               └─▶ dedup by eventId ─▶ left-join user profiles (KTable)
 *                                                   ─┬─▶ events-enriched (raw record for ClickHouse)
 *                                                    └─▶ per group-by dimension: one shuffle keyed by its value
 *                                                        (none for userId: events are keyed by user already;
 *                                                        for dimensions of few values, e.g. country, each source
 *                                                        partition counts its own events and only partials are
 *                                                        shuffled, added up by value at the partitions' watermark)
 *                                                        ─▶ every aggregation of the dimension in one processor:
 *                                                           watermark gate, slots per window kind, rows at ticks
 *                                                        ─┬─▶ window-results (versioned rows) ─▶ ClickHouse sink
 *                                                         └─▶ late events ─▶ events-late
 * </pre>
 */
public final class AnalyticsTopology {

  static final String DEDUP_STORE = "event-ids-seen";
  static final String PROFILES_STORE = "user-profiles";

  private final AggregatorProperties properties;
  private final StreamMetrics metrics;
  // Internal records (shuffle topics, state stores) are binary; public topics stay JSON.
  private final DimensionEventSerde dimensionSerde = new DimensionEventSerde();
  private final PartialSerde partialSerde = new PartialSerde();
  /** Partitions of the events topic: how many source partitions send partials to each merger. */
  private final int sourcePartitions;
  /** Before every public topic's name: "" but for the live warm-up's throw-away copy. */
  private final String topicPrefix;

  public AnalyticsTopology(AggregatorProperties properties, int sourcePartitions, StreamMetrics metrics) {
    this(properties, sourcePartitions, metrics, "");
  }

  public AnalyticsTopology(AggregatorProperties properties, int sourcePartitions, StreamMetrics metrics, String topicPrefix) {
    this.properties = properties;
    this.sourcePartitions = sourcePartitions;
    this.metrics = metrics;
    this.topicPrefix = topicPrefix;
  }

  private String topic(TopicSpec<?, ?> spec) {
    return topicPrefix + spec.name();
  }

  public void buildInto(StreamsBuilder builder) {
    KStream<String, SourcedEvent> enriched = validEvents(builder)
        .processValues(() -> new DeduplicateEvents(DEDUP_STORE, properties.dedupHorizon(), metrics::duplicate),
            Named.as("dedup-by-event-id"), DEDUP_STORE)
        .leftJoin(userProfiles(builder), (parsed, profile) -> new SourcedEvent(
            EnrichedEvent.of(parsed.event(), Instant.ofEpochMilli(parsed.receivedAtMs()), profile), parsed.source()));

    enriched.to(topic(EVENTS_ENRICHED),
        Produced.with(EVENTS_ENRICHED.keySerde(), EVENTS_ENRICHED.writing(SourcedEvent::event)));
    if (properties.aggregations().stream().anyMatch(FirstVisits::countsDistinctUsers)) {
      builder.addStateStore(FirstVisits.store(properties.aggregations()));
      enriched = enriched.processValues(() -> new FirstVisits(properties.aggregations()), Named.as("mark-first-visits"),
          FirstVisits.STORE);
    }
    for (Dimension dimension : Dimension.of(properties.aggregations(), properties.preAggregate())) {
      aggregate(enriched, dimension);
    }
  }

  /** Parses the raw topic; poison records leave for the dead-letter topic with their reason. */
  private KStream<String, ParsedEvent> validEvents(StreamsBuilder builder) {
    builder.addStateStore(DeduplicateEvents.store(DEDUP_STORE, properties.dedupHorizon()));
    Map<String, KStream<String, ParsedEvent>> branches = builder
        .stream(topic(EVENTS), Consumed.with(EVENTS.keySerde(), EVENTS.valueSerde()))
        .processValues(ParseEvent::new, Named.as("parse-event"))
        .split(Named.as("event-"))
        .branch((key, parsed) -> parsed.valid(), Branched.as("valid"))
        .defaultBranch(Branched.as("poison"));
    branches.get("event-poison")
        .peek((key, parsed) -> metrics.poison())
        .processValues(DeadLetter::new, Named.as("to-dead-letter"))
        .to(topic(EVENTS_DLQ), Produced.with(EVENTS_DLQ.keySerde(), EVENTS_DLQ.valueSerde()));
    return branches.get("event-valid");
  }

  /** Stream-table duality: the compacted profiles topic read as a table of the latest profile per user. */
  private KTable<String, UserProfile> userProfiles(StreamsBuilder builder) {
    ProfileSerde profileSerde = new ProfileSerde();
    return builder.table(topic(USER_PROFILES),
        Consumed.with(Serdes.String(), profileSerde),
        Materialized.<String, UserProfile, KeyValueStore<Bytes, byte[]>>as(PROFILES_STORE)
            .withKeySerde(Serdes.String()).withValueSerde(profileSerde));
  }

  /**
   * The aggregations of one dimension: their events shuffled once by the dimension's value, then one
   * processor. A pre-aggregated dimension is counted where the events are, per source partition, and
   * only its partials are shuffled: a few records per value and tick instead of one per event.
   */
  private void aggregate(KStream<String, SourcedEvent> enriched, Dimension dimension) {
    String id = dimension.id();
    if (!dimension.local()) {
      emissions(enriched.process(() -> new KeyByDimension(dimension), Named.as(id + "-key-by-value"))
          .repartition(Repartitioned.with(Serdes.String(), dimensionSerde).withName(dimension.shuffleTopic()))
          .process(DimensionAggregator.shuffled(dimension, properties.emitInterval(), properties.idleTimeout()),
              Named.as(id + "-windows")), id);
      return;
    }
    KStream<String, Emission> emitted = enriched.process(
        DimensionAggregator.local(dimension, properties.emitInterval(), properties.idleTimeout()), Named.as(id + "-windows"));
    KStream<String, Emission> partials = emissions(emitted, id);
    if (dimension.preAggregated()) {
      emissions(partials
          .mapValues(Emission::partial, Named.as(id + "-partial"))
          .repartition(Repartitioned.with(Serdes.String(), partialSerde).withStreamPartitioner(new PartialPartitioner())
              .withName(dimension.shuffleTopic()))
          .process(PartialMerger.supplier(dimension, sourcePartitions, properties.emitInterval()), Named.as(id + "-merge")),
          id + "-merged");
    }
  }

  /**
   * Rows to window-results, late events to events-late, each written by its topic's serializer
   * straight from the emission; what is left (a pre-aggregated dimension's partials) is returned.
   */
  private KStream<String, Emission> emissions(KStream<String, Emission> emitted, String id) {
    return emitted.split(Named.as(id + "-"))
        .branch((key, emission) -> emission.row() != null, Branched.withConsumer(rows -> rows.to(topic(WINDOW_RESULTS),
            Produced.with(WINDOW_RESULTS.keySerde(), WINDOW_RESULTS.writing(Emission::row))), "rows"))
        .branch((key, emission) -> emission.isLate(), Branched.withConsumer(late -> late
            .peek((key, emission) -> metrics.late(emission.late().aggregation()), Named.as(id + "-count-late"))
            .to(topic(EVENTS_LATE), Produced.with(EVENTS_LATE.keySerde(), EVENTS_LATE.writing(Emission::late))), "late"))
        .defaultBranch(Branched.as("partials"))
        .get(id + "-partials");
  }
}
