package io.pulse.contracts.topic;

import static io.pulse.contracts.topic.TopicSpec.CleanupPolicy.COMPACT;
import static io.pulse.contracts.topic.TopicSpec.CleanupPolicy.DELETE;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.EnrichedEventRowSerde;
import io.pulse.contracts.profile.UserProfile;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the platform. Input topics carry raw bytes so that the topology itself decides
 * what is poison and routes it, with the reason, to the input's dead-letter twin.
 */
public final class Topics {

  /**
   * Default partition count of the keyed topics ({@code pulse.topics.partitions}): bounds how many
   * aggregator threads and instances can share the work.
   */
  public static final int PARTITIONS = 6;

  /**
   * Retention of {@link #EVENTS}: how far back an application reset can recount from the source.
   * Ingest stamps records with the time it sends them, so this counts from arrival.
   */
  public static final Duration REPLAY_HORIZON = Duration.ofDays(7);

  /**
   * Retention of the topology's outputs, which only the ClickHouse sink reads: long enough to ride
   * out a sink or ClickHouse outage over a long weekend. The topology stamps these records with the
   * event time, so an event that arrives older than this may expire before the sink reads it.
   */
  public static final Duration SINK_BUFFER = Duration.ofDays(7);

  /** Retention of the dead-letter topics: time to look at a poison record, fix its cause and replay it. */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  /** Raw events as posted, key = userId, value = event JSON. */
  public static final TopicSpec<String, byte[]> EVENTS =
      new TopicSpec<>("events", Serdes.String(), Serdes.ByteArray(), PARTITIONS, DELETE, true, REPLAY_HORIZON);

  /** Records of {@link #EVENTS} that are not valid events; header {@code error} says why. */
  public static final TopicSpec<String, byte[]> EVENTS_DLQ =
      new TopicSpec<>("events-dlq", Serdes.String(), Serdes.ByteArray(), 1, DELETE, false, DEAD_LETTER_RETENTION);

  /** Events that arrived after their window's grace period had passed. */
  public static final TopicSpec<String, LateEvent> EVENTS_LATE =
      new TopicSpec<>("events-late", Serdes.String(), new JsonSerde<>(LateEvent.class), 1, DELETE, false,
          SINK_BUFFER);

  /** The latest profile per user (compacted: a table as a stream). Co-partitioned with events. */
  public static final TopicSpec<String, byte[]> USER_PROFILES =
      new TopicSpec<>("user-profiles", Serdes.String(), Serdes.ByteArray(), PARTITIONS, COMPACT, true,
          TopicSpec.KEEP_FOREVER);

  /** Records of {@link #USER_PROFILES} that are not valid profiles. */
  public static final TopicSpec<String, byte[]> USER_PROFILES_DLQ =
      new TopicSpec<>("user-profiles-dlq", Serdes.String(), Serdes.ByteArray(), 1, DELETE, false,
          DEAD_LETTER_RETENTION);

  /** Events after dedup and the profile join: the raw, queryable record for ClickHouse table events. */
  public static final TopicSpec<String, EnrichedEvent> EVENTS_ENRICHED =
      new TopicSpec<>("events-enriched", Serdes.String(), new EnrichedEventRowSerde(), PARTITIONS, DELETE, true,
          SINK_BUFFER);

  /** Window rows produced by the topology, consumed by the ClickHouse sink. */
  public static final TopicSpec<String, WindowResult> WINDOW_RESULTS =
      new TopicSpec<>("window-results", Serdes.String(), new WindowResultSerde(), PARTITIONS, DELETE,
          true, SINK_BUFFER);

  public static final List<TopicSpec<?, ?>> ALL =
      List.of(EVENTS, EVENTS_DLQ, EVENTS_LATE, EVENTS_ENRICHED, USER_PROFILES, USER_PROFILES_DLQ, WINDOW_RESULTS);

  private Topics() {}
}
