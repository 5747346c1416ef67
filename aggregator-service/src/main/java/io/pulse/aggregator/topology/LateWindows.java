package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.LatePolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The windows of one aggregation that an event came too late for, and its {@code events-late}
 * record: the watermark that closed them and which ones they are. The oracle leaves a late event
 * out of exactly the windows that closed at or before the watermark recorded with it.
 */
final class LateWindows {

  private final AggregationDefinition definition;
  private final WindowKind kind;
  private final WindowOutput rows;
  private final long allowedLateness;

  LateWindows(AggregationDefinition definition, WindowKind kind, WindowOutput rows) {
    this.definition = definition;
    this.kind = kind;
    this.rows = rows;
    this.allowedLateness = definition.allowedLateness().toMillis();
  }

  /** An event late for every window it could change. */
  LateEvent wholly(DimensionEvent event, long eventTime, long watermark, String outcome) {
    return record(event, eventTime, watermark, false, "its " + kind.label() + " window is closed" + outcome);
  }

  /**
   * An on-time event whose slot also lies in windows that closed before it came: a hopping pane's
   * older windows, while its youngest are open (every window of an on-time event of another kind is
   * open). It is counted in the open ones (the caller added it); a closed window never leaves again,
   * so it is late for those: the record returned names them, with the watermark that closed them.
   * With {@code late: amend}, the closed windows still within the allowed lateness are amended
   * instead (their slots are kept that long), and the record's watermark is the one less the
   * lateness. {@code late: side} records it late for every closed window: a pane's late count would
   * show in its open windows too. Null when it missed no window.
   */
  LateEvent missedBy(GroupKey group, GroupState state, Slot slot, DimensionEvent event, long eventTime, long watermark) {
    List<long[]> closed = new ArrayList<>();
    int[] windows = {0};
    kind.windowsOf(state, slot, (start, end) -> {
      windows[0]++;
      if (kind.closesAt(start, end) <= state.finalizedThrough) {
        closed.add(new long[] {start, end, kind.closesAt(start, end)});
      }
    });
    boolean amend = definition.late() == LatePolicy.AMEND;
    long missedThrough = amend ? watermark - allowedLateness : state.finalizedThrough;
    List<long[]> missed = new ArrayList<>();
    for (long[] window : closed) {
      if (window[2] <= missedThrough) {
        missed.add(window);
      } else {
        rows.finalRow(group, window[0], window[1], kind.value(state, window[0], window[1]), state.revision + 1, true,
            watermark);
      }
    }
    if (missed.isEmpty()) {
      return null;
    }
    missed.sort(Comparator.comparingLong(window -> window[0]));
    boolean one = missed.size() == 1;
    String which = one ? span(missed.getFirst()) : span(missed.getFirst()) + " to " + span(missed.getLast());
    return record(event, eventTime, missedThrough, amend, missed.size() + " of its " + windows[0] + " " + kind.label()
        + " windows " + (one ? "is" : "are") + " closed, " + which + ": late for " + (one ? "that one" : "those")
        + ", counted in the others");
  }

  private LateEvent record(DimensionEvent event, long eventTime, long watermark, boolean lessLateness, String what) {
    return new LateEvent(definition.name(), event.eventId(), Instant.ofEpochMilli(eventTime), Instant.ofEpochMilli(watermark),
        "event time " + Instant.ofEpochMilli(eventTime) + " is behind the watermark " + Instant.ofEpochMilli(watermark)
            + " (stream time minus grace " + definition.grace()
            + (lessLateness ? ", less the allowed lateness " + definition.allowedLateness() : "") + "): " + what);
  }

  private static String span(long[] window) {
    return "[" + Instant.ofEpochMilli(window[0]) + ", " + Instant.ofEpochMilli(window[1]) + ")";
  }
}
