package io.pulse.aggregator.topology;

import io.pulse.contracts.event.Event;

/**
 * The outcome of reading one record of the events topic: an event with the time ingest accepted
 * it, or the raw bytes and the reason it is poison.
 */
record ParsedEvent(Event event, long receivedAtMs, byte[] raw, String error) {

  boolean valid() {
    return event != null;
  }
}
