package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.LateEvent;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The watermark of one aggregation: stream time (the largest event time seen) minus grace. An
 * event behind it is late: it goes to events-late with the reason instead of being dropped
 * silently inside the window processor. It runs in the same task as the windowed aggregate, so
 * both see the same events in the same order.
 */
class WatermarkGate implements FixedKeyProcessor<String, SourcedEvent, GateResult> {

  private final AggregationDefinition definition;
  private final WindowRules rules;
  private final String clockStore;
  private FixedKeyProcessorContext<String, GateResult> context;
  private StreamClock clock;

  WatermarkGate(AggregationDefinition definition, String clockStore) {
    this.definition = definition;
    this.rules = new WindowRules(definition);
    this.clockStore = clockStore;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, GateResult> context) {
    this.context = context;
    this.clock = new StreamClock(context.getStateStore(clockStore));
  }

  @Override
  public void process(FixedKeyRecord<String, SourcedEvent> record) {
    long eventTime = record.timestamp();
    long watermark = rules.watermark(clock.advanceTo(eventTime));
    if (rules.isLate(eventTime, watermark)) {
      LateEvent late = new LateEvent(definition.name(), record.value().event().event().eventId(),
          Instant.ofEpochMilli(eventTime), Instant.ofEpochMilli(watermark),
          "event time " + Instant.ofEpochMilli(eventTime) + " is behind the watermark " + Instant.ofEpochMilli(watermark)
              + " (stream time minus grace " + definition.grace() + "): its " + definition.window().type().name().toLowerCase()
              + " window is closed");
      context.forward(record.withValue(new GateResult(record.value(), late)));
    } else {
      context.forward(record.withValue(new GateResult(record.value(), null)));
    }
  }
}
