package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.event.EnrichedEvent;

/** An event that passed the watermark gate, or the record of why it did not. */
record GateResult(EnrichedEvent event, LateEvent late) {

  boolean isLate() {
    return late != null;
  }
}
