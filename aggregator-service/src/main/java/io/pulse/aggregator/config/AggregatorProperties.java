package io.pulse.aggregator.config;

import io.pulse.contracts.aggregation.AggregationDefinition;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the aggregator computes. Aggregations are declared here, not in code: adding one to
 * application.yml (or PULSE_AGGREGATOR_AGGREGATIONS_n_* env vars) is all it takes.
 *
 * @param aggregations  the declared aggregations, checked at start-up
 * @param dedupHorizon  how long (event time) an eventId is remembered to drop duplicates
 * @param emitInterval  how often changed windows leave as rows (bounds freshness and row rate)
 * @param idleTimeout   after this long without stream-time progress, stream time follows the wall
 *                      clock, so windows of a quiet stream still become final
 * @param preAggregate  group-by dimensions with few values (country, plan, type): their tumbling and
 *                      hopping aggregations are counted per source partition and only the partials
 *                      are shuffled (docs/concepts.md); lateness is then judged per source partition
 * @param warmUpEvents  synthetic events run through a copy of the topology before Streams starts, so
 *                      the JIT has compiled the hot path when traffic comes (0: no warm-up)
 * @param liveWarmUpEvents  synthetic events run through the topology itself on the broker, with real
 *                      Kafka clients, on throw-away topics, before Streams starts; it replaces the
 *                      in-process warm-up. Only for a broker of one's own: it creates and deletes
 *                      topics (0, the default: none)
 */
@Validated
@ConfigurationProperties("pulse.aggregator")
public record AggregatorProperties(
    @NotEmpty List<AggregationDefinition> aggregations,
    @DefaultValue("1h") Duration dedupHorizon,
    @DefaultValue("250ms") Duration emitInterval,
    @DefaultValue("10s") Duration idleTimeout,
    @DefaultValue({"country", "plan", "type"}) Set<String> preAggregate,
    @DefaultValue("60000") @PositiveOrZero int warmUpEvents,
    @DefaultValue("0") @PositiveOrZero int liveWarmUpEvents) {

  public AggregatorProperties {
    Set<String> names = new HashSet<>();
    for (AggregationDefinition definition : aggregations == null ? List.<AggregationDefinition>of() : aggregations) {
      AggregationValidator.validate(definition);
      if (!names.add(definition.name())) {
        throw new IllegalArgumentException("aggregation '" + definition.name() + "' is declared twice");
      }
    }
  }
}
