package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcedEvent;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The step before a dimension's shuffle: picks the events its aggregations count, keeps only what
 * they read ({@link DimensionEvent}) and keys it by the dimension's value. One node where a filter
 * and a map were, each of which created a record per event.
 */
final class KeyByDimension extends ContextualProcessor<String, SourcedEvent, String, DimensionEvent> {

  private final Dimension dimension;

  KeyByDimension(Dimension dimension) {
    this.dimension = dimension;
  }

  @Override
  public void process(Record<String, SourcedEvent> record) {
    String value = dimension.countedValue(record.value().event());
    if (value != null) {
      context().forward(new Record<>(value, DimensionEvent.of(record.value(), dimension), record.timestamp(),
          record.headers()));
    }
  }
}
