package io.pulse.aggregator.oracle;

/** One row of a tumbling aggregation: the window (by start) and the group with its facet values. */
record WindowKey(long windowStartMs, String groupKey, String type, String country, String plan) {}
