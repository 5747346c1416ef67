package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * On the late branch: drops a late verdict for an event that a window already counts. After a
 * crash, stream time can be restored ahead of the records being replayed, so an event that was on
 * time (and counted) the first time is behind the watermark now; reporting it late as well would
 * make it both counted and missing. Only late events pay for the store read.
 */
class DropCountedReplays implements FixedKeyProcessor<String, GateResult, GateResult> {

  private final AggregationDefinition definition;
  private FixedKeyProcessorContext<String, GateResult> context;
  private CountedWindows counted;

  DropCountedReplays(AggregationDefinition definition) {
    this.definition = definition;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, GateResult> context) {
    this.context = context;
    this.counted = CountedWindows.of(context, definition);
  }

  @Override
  public void process(FixedKeyRecord<String, GateResult> record) {
    if (!counted.counts(record.key(), record.timestamp(), record.value().event().source())) {
      context.forward(record);
    }
  }
}
