package io.pulse.aggregator.topology;

import io.pulse.contracts.event.Event;

/** The outcome of reading one record of the events topic: an event, or the reason it is poison. */
record ParsedEvent(Event event, byte[] raw, String error) {

  boolean valid() {
    return event != null;
  }
}
