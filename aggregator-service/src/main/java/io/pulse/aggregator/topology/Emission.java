package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.WindowResult;

/**
 * What a dimension's aggregator sends on: a window row, an event that was late for one aggregation,
 * or (a pre-aggregated dimension's source task) a partial for the task that adds partitions up.
 */
record Emission(WindowResult row, LateEvent late, Partial partial) {

  static Emission row(WindowResult row) {
    return new Emission(row, null, null);
  }

  static Emission late(LateEvent late) {
    return new Emission(null, late, null);
  }

  static Emission partial(Partial partial) {
    return new Emission(null, null, partial);
  }

  boolean isLate() {
    return late != null;
  }

  boolean isPartial() {
    return partial != null;
  }
}
