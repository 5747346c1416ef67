package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;

/** What a dimension's aggregator sends on: a window row, or an event that was late for one aggregation. */
record Emission(WindowResult row, LateEvent late) {

  static Emission row(WindowResult row) {
    return new Emission(row, null);
  }

  static Emission late(LateEvent late) {
    return new Emission(null, late);
  }

  boolean isLate() {
    return late != null;
  }
}
