package io.pulse.aggregator.topology;

import io.pulse.aggregator.topology.Slot.Contribution;
import java.util.function.Consumer;

/**
 * Windows of {@code size} starting every {@code advance}, so they overlap. An event is added to
 * one pane (the greatest common divisor of size and advance, usually the advance), and a window's
 * value is the sum of its panes when it is emitted: one update per event instead of size ÷ advance.
 * A window is final once the watermark reaches its end; an event is late once the youngest window
 * containing it is final. An event whose older windows are final but whose youngest is open is
 * counted in the open ones and recorded late for the final ones ({@link LateWindows}).
 */
record Hopping(long size, long advance, long pane) implements WindowKind {

  Hopping(long size, long advance) {
    this(size, advance, gcd(size, advance));
  }

  @Override
  public boolean isLate(long eventTime, long watermark) {
    return youngestStart(eventTime) + size <= watermark;
  }

  @Override
  public long closesAt(long windowStart, long windowEnd) {
    return windowEnd;
  }

  @Override
  public Slot add(GroupState group, Contribution event, Consumer<Slot> mergedAway) {
    Slot slot = slotAt(group, event.time());
    slot.add(event);
    return slot;
  }

  @Override
  public Slot slotAt(GroupState group, long time) {
    long start = time - Math.floorMod(time, pane);
    return group.slot(start, start + pane);
  }

  @Override
  public void windowsOf(GroupState group, Slot pane, WindowConsumer windows) {
    for (long start = youngestStart(pane.start); start + size > pane.start; start -= advance) {
      windows.accept(start, start + size);
    }
  }

  @Override
  public Slot value(GroupState group, long windowStart, long windowEnd) {
    return group.total(windowStart, windowEnd, windowStart, windowEnd - 1);
  }

  @Override
  public void prune(GroupState group, long horizon) {
    group.slots.removeIf(pane -> youngestStart(pane.start) + size <= horizon);
  }

  @Override
  public String label() {
    return "hopping";
  }

  private long youngestStart(long time) {
    return time - Math.floorMod(time, advance);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
