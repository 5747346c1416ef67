package io.pulse.aggregator.topology;

import io.pulse.aggregator.topology.Slot.Contribution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Activity separated by more than {@code gap} of silence: an event joins every session of its
 * group within the gap, and sessions it bridges merge into one. Each session is one slot; all of a
 * group's sessions are one store value, so a merge is a single write and a crash cannot keep half
 * of it. An event behind the watermark is late (it could only extend sessions that may be final);
 * a session is final once the watermark is more than a gap past its end.
 */
record Sessions(long gap) implements WindowKind {

  @Override
  public boolean isLate(long eventTime, long watermark) {
    return eventTime < watermark;
  }

  @Override
  public long closesAt(long windowStart, long windowEnd) {
    return windowEnd + gap + 1;
  }

  @Override
  public Slot add(GroupState group, Contribution event, Consumer<Slot> mergedAway) {
    long time = event.time();
    List<Slot> joined = new ArrayList<>();
    for (Slot session : group.slots) {
      if (session.end >= time - gap && session.start <= time + gap) {
        joined.add(session);
      }
    }
    if (joined.isEmpty()) {
      Slot session = group.slot(time, time);
      session.add(event);
      return session;
    }
    Slot survivor = joined.getFirst();
    for (Slot other : joined.subList(1, joined.size())) {
      survivor.addAll(other);
      survivor.end = Math.max(survivor.end, other.end);
      group.slots.remove(other);
      mergedAway.accept(other);
    }
    survivor.start = Math.min(survivor.start, time);
    survivor.end = Math.max(survivor.end, time);
    survivor.add(event);
    return survivor;
  }

  @Override
  public void windowsOf(GroupState group, Slot session, WindowConsumer windows) {
    windows.accept(session.start, session.end);
  }

  @Override
  public Slot value(GroupState group, long windowStart, long windowEnd) {
    return group.slotStartingAt(windowStart);
  }

  @Override
  public void prune(GroupState group, long horizon) {
    group.slots.removeIf(session -> closesAt(session.start, session.end) <= horizon);
  }

  @Override
  public String label() {
    return "session";
  }
}
