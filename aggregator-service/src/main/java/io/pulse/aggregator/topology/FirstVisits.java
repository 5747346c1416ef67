package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcedEvent;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Dimensions;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.event.EnrichedEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Distinct users of tumbling windows, counted where each user's events are: the events topic is
 * keyed by user, so this processor sees all of a user's events and marks the first one per
 * (aggregation, group, window) as a first visit. Downstream, a window's distinct users are then
 * simply its first visits, a counter, instead of a set of every user rewritten with every event.
 *
 * <p>A visit is one entry of a window store (a point lookup; written once per user and window) and
 * keeps the position of the event that made it: when a crash replays that event, it is marked again
 * (its shuffle record may never have left), and the group's replay marks keep it from counting
 * twice. Visits expire an hour (event time) after their window closed, when any event of that
 * window is late anyway.
 */
final class FirstVisits implements FixedKeyProcessor<String, SourcedEvent, SourcedEvent> {

  static final String STORE = "user-first-visits";
  private static final Duration KEEP_AFTER_CLOSE = Duration.ofHours(1);
  private static final char SEPARATOR = '\u001e';

  private final List<AggregationDefinition> aggregations;
  private FixedKeyProcessorContext<String, SourcedEvent> context;
  private WindowStore<String, Long> visits;

  FirstVisits(List<AggregationDefinition> aggregations) {
    this.aggregations = aggregations.stream().filter(FirstVisits::countsDistinctUsers).toList();
  }

  /** The aggregations whose distinct users are counted by first visits: tumbling, grouped by something else than the user. */
  static boolean countsDistinctUsers(AggregationDefinition definition) {
    return definition.measure() == Measure.DISTINCT_USERS && definition.window().type() == WindowType.TUMBLING
        && !definition.groupBy().equals(Dimensions.USER_ID);
  }

  static StoreBuilder<WindowStore<String, Long>> store(List<AggregationDefinition> aggregations) {
    Duration longest = aggregations.stream().filter(FirstVisits::countsDistinctUsers)
        .map(d -> d.window().size().plus(d.grace())).max(Duration::compareTo).orElse(Duration.ZERO);
    Duration size = aggregations.stream().filter(FirstVisits::countsDistinctUsers)
        .map(d -> d.window().size()).max(Duration::compareTo).orElse(Duration.ofMinutes(1));
    return Stores.windowStoreBuilder(Stores.inMemoryWindowStore(STORE, longest.plus(KEEP_AFTER_CLOSE), size, false),
        Serdes.String(), Serdes.Long());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, SourcedEvent> context) {
    this.context = context;
    this.visits = context.getStateStore(STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, SourcedEvent> record) {
    SourcedEvent sourced = record.value();
    EnrichedEvent event = sourced.event();
    long time = record.timestamp();
    Set<String> first = null;
    for (AggregationDefinition definition : aggregations) {
      if (!counts(definition, event)) {
        continue;
      }
      String visit = record.key() + SEPARATOR + definition.name() + SEPARATOR + GroupKey.of(definition, event).encode();
      long windowStart = time - Math.floorMod(time, definition.window().size().toMillis());
      Long madeBy = visits.fetch(visit, windowStart);
      if (madeBy == null) {
        visits.put(visit, sourced.source().packed(), windowStart);
      } else if (madeBy != sourced.source().packed() || !sourced.source().known()) {
        continue; // the user was here before, and this is not the event that made the visit, replayed
      }
      first = first == null ? new HashSet<>() : first;
      first.add(definition.name());
    }
    context.forward(first == null ? record : record.withValue(sourced.withFirstVisits(first)));
  }

  private static boolean counts(AggregationDefinition definition, EnrichedEvent event) {
    return (definition.eventTypes().isEmpty() || definition.eventTypes().contains(event.event().type()))
        && event.dimension(definition.groupBy()) != null;
  }
}
