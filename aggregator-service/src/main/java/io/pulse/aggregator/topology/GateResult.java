package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.LateEvent;

/** An event and, when it did not pass the watermark gate, the record of why. */
record GateResult(SourcedEvent event, LateEvent late) {

  boolean isLate() {
    return late != null;
  }
}
