package io.pulse.aggregator.events;

import io.pulse.contracts.event.Event;

/**
 * The outcome of reading one record of the events topic: an event with the time ingest accepted
 * it and where it was read from, or the raw bytes and the reason it is poison.
 */
public record ParsedEvent(Event event, long receivedAtMs, SourcePosition source, byte[] raw, String error) {

  public static ParsedEvent valid(Event event, long receivedAtMs, SourcePosition source, byte[] raw) {
    return new ParsedEvent(event, receivedAtMs, source, raw, null);
  }

  public static ParsedEvent poison(long receivedAtMs, byte[] raw, String error) {
    return new ParsedEvent(null, receivedAtMs, SourcePosition.UNKNOWN, raw, error);
  }

  public boolean valid() {
    return event != null;
  }
}
