package io.pulse.aggregator.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one aggregation keeps for one group (e.g. one product): its slots, ordered by start,
 * and what makes a replay after a crash harmless. It is one store value, so a change to it is one
 * changelog record: no crash can keep half of an update. The store is cached, so a group changed
 * by many events between two commits is written to the changelog once.
 *
 * <ul>
 *   <li>{@code processed}: per partition of the events topic, the highest offset this group has
 *       processed (counted or found late). Records of one partition reach a group in offset order,
 *       so a record at or below the mark is a replay of one already in this value: it is skipped,
 *       neither counted again nor reported late. This is the one place replay safety lives.</li>
 *   <li>{@code revision}: grows with every event counted; rows carry it so that ClickHouse keeps the
 *       newest version of a window whatever order rows arrive in.</li>
 *   <li>{@code finalizedThrough}: the watermark up to which this group's windows were finalized. A
 *       window closing at or before it never leaves as a row again, not even when an on-time event
 *       lands in a pane it shares with open windows (hopping: the event is recorded late for the
 *       closed ones, {@link LateWindows}).</li>
 *   <li>{@code lastClosed}: when the group last closed a window; an empty group is kept (for its
 *       marks) until the watermark is well past that.</li>
 * </ul>
 */
final class GroupState {

  SourceOffsets processed = new SourceOffsets();
  long revision;
  long finalizedThrough = Slot.NONE;
  long lastClosed = Slot.NONE;
  final List<Slot> slots = new ArrayList<>();

  /** The slot spanning exactly [start, end), created in order if missing. */
  Slot slot(long start, long end) {
    int at = firstStartingAtOrAfter(start);
    if (at < slots.size() && slots.get(at).start == start) {
      return slots.get(at);
    }
    Slot created = new Slot(start, end);
    slots.add(at, created);
    return created;
  }

  Slot slotStartingAt(long start) {
    int at = firstStartingAtOrAfter(start);
    return at < slots.size() && slots.get(at).start == start ? slots.get(at) : null;
  }

  /** The total of the slots starting within [from, to]. */
  Slot total(long start, long end, long from, long to) {
    Slot total = new Slot(start, end);
    for (int at = firstStartingAtOrAfter(from); at < slots.size() && slots.get(at).start <= to; at++) {
      total.addAll(slots.get(at));
    }
    return total;
  }

  /**
   * The index of the first slot starting at or after {@code start} (slots.size() when none): a binary
   * search, since a sliding window's group holds a slot per event time of the last window size.
   */
  int firstStartingAtOrAfter(long start) {
    int low = 0;
    int high = slots.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (slots.get(middle).start < start) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
