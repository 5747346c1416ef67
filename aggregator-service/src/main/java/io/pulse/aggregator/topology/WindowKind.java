package io.pulse.aggregator.topology;

import io.pulse.aggregator.topology.Slot.Contribution;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One window type: which slot an event adds to, which windows a slot belongs to, when an event is
 * late and when a window is final, against the watermark {@code W = stream time - grace}. A reader
 * asking "how does a hopping window close?" opens {@link Hopping}.
 */
sealed interface WindowKind permits Tumbling, Hopping, Sliding, Sessions {

  static WindowKind of(WindowSpec window) {
    return switch (window.type()) {
      case TUMBLING -> new Tumbling(window.size().toMillis());
      case HOPPING -> new Hopping(window.size().toMillis(), window.advance().toMillis());
      case SLIDING -> new Sliding(window.size().toMillis());
      case SESSION -> new Sessions(window.gap().toMillis());
    };
  }

  /** Late: every window the event could still change is final. */
  boolean isLate(long eventTime, long watermark);

  /** The watermark at which the window becomes final: no on-time event can change it after. */
  long closesAt(long windowStart, long windowEnd);

  /** Adds an on-time event to the group and returns the slot it landed in; slots merged into it go to {@code mergedAway}. */
  Slot add(GroupState group, Contribution event, Consumer<Slot> mergedAway);

  /** Every window of the group that the slot counts in, as (start, end). */
  void windowsOf(GroupState group, Slot slot, WindowConsumer windows);

  /** Every window of the group, each once, as (start, end). */
  default void allWindows(GroupState group, WindowConsumer windows) {
    Set<Long> seen = new HashSet<>();
    for (Slot slot : group.slots) {
      windowsOf(group, slot, (start, end) -> {
        if (seen.add(start)) {
          windows.accept(start, end);
        }
      });
    }
  }

  /**
   * The windows closing after {@code after} and at or before {@code through}, each once, as (start,
   * end): those a watermark moving from {@code after} to {@code through} closes. ({@code after} is
   * {@link Slot#NONE} before the group's first close.)
   */
  default void windowsClosing(GroupState group, long after, long through, WindowConsumer windows) {
    allWindows(group, (start, end) -> {
      long closesAt = closesAt(start, end);
      if (closesAt > after && closesAt <= through) {
        windows.accept(start, end);
      }
    });
  }

  /** When the group's next window closes, the earliest close after {@code after}; Long.MAX_VALUE when none is open. */
  default long nextClose(GroupState group, long after) {
    long[] earliest = {Long.MAX_VALUE};
    allWindows(group, (start, end) -> {
      long closesAt = closesAt(start, end);
      if (closesAt > after) {
        earliest[0] = Math.min(earliest[0], closesAt);
      }
    });
    return earliest[0];
  }

  /** A window's value: the total of the slots it covers. */
  Slot value(GroupState group, long windowStart, long windowEnd);

  /**
   * Drops the slots that no window closing after {@code horizon} needs (nor a window an on-time
   * event could still open): the finalized watermark, or that less the allowed lateness.
   */
  void prune(GroupState group, long horizon);

  /** The slot an event at {@code time} counts in, created when missing (tumbling and hopping: see {@code late: side}). */
  default Slot slotAt(GroupState group, long time) {
    throw new UnsupportedOperationException(label() + " windows count no late events beside their value");
  }

  String label();

  @FunctionalInterface
  interface WindowConsumer {
    void accept(long start, long end);
  }
}
