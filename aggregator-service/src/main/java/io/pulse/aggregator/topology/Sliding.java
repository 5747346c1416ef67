package io.pulse.aggregator.topology;

import io.pulse.aggregator.topology.Slot.Contribution;
import java.util.function.Consumer;

/**
 * "The {@code size} before each event": one window [t - size, t] per event time t of the group,
 * counting the events within it (both ends included). Slots are the group's event times, a sorted
 * buffer; a window's value is read from it when the window is emitted, so an event costs one slot
 * update instead of one update per window around it. Every count a sliding window can reach is
 * the count of one of these windows (slide any window right until its end meets an event).
 * An event is late when even its own window is final; a window is final once no on-time event can
 * fall in it: the watermark more than {@code size} past its end.
 */
record Sliding(long size) implements WindowKind {

  @Override
  public boolean isLate(long eventTime, long watermark) {
    return eventTime + size < watermark;
  }

  @Override
  public long closesAt(long windowStart, long windowEnd) {
    return windowEnd + size + 1;
  }

  @Override
  public Slot add(GroupState group, Contribution event, Consumer<Slot> mergedAway) {
    Slot slot = group.slot(event.time(), event.time());
    slot.add(event);
    return slot;
  }

  /** The windows of the event times from the slot's to {@code size} after it: those it counts in. */
  @Override
  public void windowsOf(GroupState group, Slot slot, WindowConsumer windows) {
    for (int at = group.firstStartingAtOrAfter(slot.start); at < group.slots.size(); at++) {
      long later = group.slots.get(at).start;
      if (later > slot.start + size) {
        break;
      }
      windows.accept(later - size, later);
    }
  }

  /** One window per event time: a group of n slots has n windows, not the n x n its slots' windowsOf list. */
  @Override
  public void allWindows(GroupState group, WindowConsumer windows) {
    for (Slot slot : group.slots) {
      windows.accept(slot.start - size, slot.start);
    }
  }

  /**
   * A window per event time closes in the order of its slot: the slots between two binary searches,
   * where the default scans every window of the group. A group keeps the event times of two window
   * sizes, and a user's group came due every few ticks (docs/benchmark.md).
   */
  @Override
  public void windowsClosing(GroupState group, long after, long through, WindowConsumer windows) {
    for (int at = firstClosingAfter(group, after); at < group.slots.size(); at++) {
      long end = group.slots.get(at).start;
      if (closesAt(end - size, end) > through) {
        break;
      }
      windows.accept(end - size, end);
    }
  }

  @Override
  public long nextClose(GroupState group, long after) {
    int at = firstClosingAfter(group, after);
    return at < group.slots.size() ? closesAt(group.slots.get(at).start - size, group.slots.get(at).start) : Long.MAX_VALUE;
  }

  /** The index of the first slot whose window closes after {@code after}: its event time is at least {@code after - size}. */
  private int firstClosingAfter(GroupState group, long after) {
    return after == Slot.NONE ? 0 : group.firstStartingAtOrAfter(after - size);
  }

  @Override
  public Slot value(GroupState group, long windowStart, long windowEnd) {
    return group.total(windowStart, windowEnd, windowStart, windowEnd);
  }

  @Override
  public void prune(GroupState group, long horizon) {
    if (horizon != Slot.NONE) { // slots in order: the needless ones are a prefix
      group.slots.subList(0, group.firstStartingAtOrAfter(horizon - 2 * size)).clear();
    }
  }

  @Override
  public String label() {
    return "sliding";
  }
}
