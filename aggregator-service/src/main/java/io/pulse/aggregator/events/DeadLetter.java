package io.pulse.aggregator.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Turns a poison record back into its original bytes, with the reason in header {@code error}. */
public class DeadLetter implements FixedKeyProcessor<String, ParsedEvent, byte[]> {

  public static final String ERROR_HEADER = "error";

  private FixedKeyProcessorContext<String, byte[]> context;

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, ParsedEvent> record) {
    FixedKeyRecord<String, byte[]> dead = record.withValue(record.value().raw());
    dead.headers().add(ERROR_HEADER, record.value().error().getBytes(StandardCharsets.UTF_8));
    context.forward(dead);
  }
}
