package io.pulse.aggregator.topology;

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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Distinct users of tumbling windows, counted where each user's events are: the events topic is
 * keyed by user, so this processor sees all of a user's events and marks the first one per
 * (aggregation, group, window) as a first visit. Downstream, a window's distinct users are then
 * simply its first visits, a counter, instead of a set of every user rewritten with every event.
 *
 * <p>Each visit keeps the position of the event that made it: when a crash replays that event, it
 * is marked again (its shuffle record may never have left), and the group's replay marks keep it
 * from being counted twice. Visits are forgotten an hour (event time) after their window closed,
 * when any event of that window is late anyway.
 */
final class FirstVisits implements FixedKeyProcessor<String, SourcedEvent, SourcedEvent> {

  static final String STORE = "user-first-visits";
  private static final long FORGET_AFTER = Duration.ofHours(1).toMillis();

  private final List<AggregationDefinition> aggregations;
  private FixedKeyProcessorContext<String, SourcedEvent> context;
  private KeyValueStore<String, UserVisits> visits;

  FirstVisits(List<AggregationDefinition> aggregations) {
    this.aggregations = aggregations.stream().filter(FirstVisits::countsDistinctUsers).toList();
  }

  /** The aggregations whose distinct users are counted by first visits: tumbling, grouped by something else than the user. */
  static boolean countsDistinctUsers(AggregationDefinition definition) {
    return definition.measure() == Measure.DISTINCT_USERS && definition.window().type() == WindowType.TUMBLING
        && !definition.groupBy().equals(Dimensions.USER_ID);
  }

  static StoreBuilder<KeyValueStore<String, UserVisits>> store() {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), new UserVisits.Serde())
        .withCachingEnabled();
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
    UserVisits user = null;
    Set<String> first = new HashSet<>();
    boolean changed = false;
    for (AggregationDefinition definition : aggregations) {
      if (!counts(definition, event)) {
        continue;
      }
      if (user == null) {
        user = visits.get(record.key());
        user = user == null ? new UserVisits() : user;
        changed = user.forgetBefore(time - FORGET_AFTER);
      }
      long size = definition.window().size().toMillis();
      UserVisits.Visit visit = new UserVisits.Visit(definition.name(), GroupKey.of(definition, event).encode(),
          time - Math.floorMod(time, size), size + definition.grace().toMillis(), sourced.source());
      UserVisits.Visit earlier = user.find(visit);
      if (earlier == null) {
        user.add(visit);
        changed = true;
        first.add(definition.name());
      } else if (earlier.source().equals(sourced.source()) && sourced.source().known()) {
        first.add(definition.name()); // the event that made the visit, replayed after a crash
      }
    }
    if (changed) {
      visits.put(record.key(), user);
    }
    context.forward(first.isEmpty() ? record : record.withValue(sourced.withFirstVisits(first)));
  }

  private static boolean counts(AggregationDefinition definition, EnrichedEvent event) {
    return (definition.eventTypes().isEmpty() || definition.eventTypes().contains(event.event().type()))
        && event.dimension(definition.groupBy()) != null;
  }
}
