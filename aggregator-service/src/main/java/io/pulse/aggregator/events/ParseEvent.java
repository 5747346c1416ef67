package io.pulse.aggregator.events;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.event.EventValidationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads the event JSON and moves the record to event time: from here on the record timestamp is
 * the event's {@code timestamp}, so every window downstream is cut on when things happened.
 * Unreadable records are passed on with their error for the dead-letter branch.
 */
public class ParseEvent implements FixedKeyProcessor<String, byte[], ParsedEvent> {

  private FixedKeyProcessorContext<String, ParsedEvent> context;

  @Override
  public void init(FixedKeyProcessorContext<String, ParsedEvent> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    if (record.value() == null) {
      context.forward(record.withValue(ParsedEvent.poison(record.timestamp(), null, "null value")));
      return;
    }
    try {
      Event event = EventJson.read(record.value());
      SourcePosition source = context.recordMetadata()
          .map(metadata -> new SourcePosition(metadata.partition(), metadata.offset()))
          .orElse(SourcePosition.UNKNOWN);
      context.forward(record.withValue(ParsedEvent.valid(event, record.timestamp(), source, record.value()))
          .withTimestamp(event.timestamp().toEpochMilli()));
    } catch (EventValidationException e) {
      String field = e.field().isEmpty() ? "" : " (field " + e.field() + ")";
      context.forward(record.withValue(ParsedEvent.poison(record.timestamp(), record.value(), e.code() + ": " + e.getMessage() + field)));
    }
  }
}
