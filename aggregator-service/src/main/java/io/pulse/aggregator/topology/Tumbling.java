package io.pulse.aggregator.topology;

import io.pulse.aggregator.topology.Slot.Contribution;
import java.util.function.Consumer;

/** Back-to-back windows of {@code size}: each window is one slot; it is final once the watermark reaches its end. */
record Tumbling(long size) implements WindowKind {

  @Override
  public boolean isLate(long eventTime, long watermark) {
    return start(eventTime) + size <= watermark;
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
    long start = start(time);
    return group.slot(start, start + size);
  }

  @Override
  public void windowsOf(GroupState group, Slot slot, WindowConsumer windows) {
    windows.accept(slot.start, slot.end);
  }

  @Override
  public Slot value(GroupState group, long windowStart, long windowEnd) {
    return group.slotStartingAt(windowStart);
  }

  @Override
  public void prune(GroupState group, long horizon) {
    group.slots.removeIf(slot -> slot.end <= horizon);
  }

  @Override
  public String label() {
    return "tumbling";
  }

  private long start(long time) {
    return time - Math.floorMod(time, size);
  }
}
