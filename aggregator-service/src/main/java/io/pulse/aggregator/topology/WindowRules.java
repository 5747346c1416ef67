package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;

/**
 * When an event is late and when a window is final, per window type, against the watermark
 * {@code W = stream time - grace}. The rules match (or are slightly stricter than) the ones Kafka
 * Streams applies inside its window processors, so an event we let through is never dropped
 * silently there, and a window we declare final can no longer change.
 */
final class WindowRules {

  private final WindowSpec window;
  private final long grace;

  WindowRules(AggregationDefinition definition) {
    this.window = definition.window();
    this.grace = definition.grace().toMillis();
  }

  long watermark(long streamTime) {
    return streamTime - grace;
  }

  /** Late: every window the event could still change is closed. */
  boolean isLate(long eventTime, long watermark) {
    return switch (window.type()) {
      // the youngest window containing the event ends at or before the watermark
      case TUMBLING, HOPPING -> youngestWindowEnd(eventTime) <= watermark;
      // Kafka Streams' own rule for sliding windows
      case SLIDING -> eventTime + window.size().toMillis() < watermark;
      // behind the watermark: it could only extend sessions that may already be final
      case SESSION -> eventTime < watermark;
    };
  }

  /** The watermark at which a window becomes final; only on-time events can reach it before. */
  long closesAt(long windowEnd) {
    return switch (window.type()) {
      case TUMBLING, HOPPING -> windowEnd;
      // an on-time event (t >= W - size) still lands in every window ending at or after t
      case SLIDING -> windowEnd + window.size().toMillis() + 1;
      // an on-time event (t >= W) still extends a session that ended less than a gap before it
      case SESSION -> windowEnd + window.gap().toMillis() + 1;
    };
  }

  private long youngestWindowEnd(long eventTime) {
    long advance = window.type() == io.pulse.contracts.aggregation.WindowType.HOPPING
        ? window.advance().toMillis()
        : window.size().toMillis();
    return eventTime - Math.floorMod(eventTime, advance) + window.size().toMillis();
  }
}
