package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One pre-aggregated aggregation where its dimension's values are owned: adds up the source
 * partitions' partials per window and writes the rows. A window is final once the lowest of the
 * partitions' stream times, less grace, passes its close: every partition has sent its last on-time
 * partial by then. A partial for a final window (a late event amended it, or counted it beside)
 * writes the final row again with a higher revision.
 */
final class MergedAggregation {


  private final AggregationDefinition definition;
  private final WindowKind kind;
  private final long grace;
  private final long allowedLateness;
  private final int partitions;
  private final KeyValueStore<String, MergedGroup> groups;
  private final WindowRows rows;
  private final CloseIndex closing = new CloseIndex();
  /** Per group, the windows changed since the last emission (by start): they get provisional rows. */
  private final Map<String, Set<Long>> changed = new LinkedHashMap<>();
  private long watermark = StreamClock.UNKNOWN;

  MergedAggregation(AggregationDefinition definition, int partitions, KeyValueStore<String, MergedGroup> groups,
      WindowRows rows) {
    this.definition = definition;
    this.kind = WindowKind.of(definition.window());
    this.grace = definition.grace().toMillis();
    this.allowedLateness = definition.allowedLateness().toMillis();
    this.partitions = partitions;
    this.groups = groups;
    this.rows = rows;
  }

  /** A group found in the store when the task starts. */
  void restore(String key, MergedGroup group) {
    closing.put(key, nextDue(group));
  }

  void apply(Partial.Window partial) {
    String key = GroupKey.storeKey(definition.name(), partial.group());
    MergedGroup group = groups.get(key);
    if (group == null) {
      group = new MergedGroup();
    }
    MergedGroup.Window window = group.windows.get(partial.start());
    long closesAt = kind.closesAt(partial.start(), partial.end());
    if (window == null) {
      if (watermark != StreamClock.UNKNOWN && closesAt <= watermark - allowedLateness) {
        return; // a replayed partial of a window that closed and was dropped: its final row has left
      }
      window = new MergedGroup.Window(partial.start(), partial.end(), partitions);
      group.windows.put(partial.start(), window);
    }
    Slot before = window.part(partial.partition());
    if (!window.replace(partial.partition(), partial.version(), partial.value())) {
      return;
    }
    groups.put(key, group);
    if (window.finalSent) {
      window.amended |= partial.amended();
      rows.finalRow(GroupKey.decode(partial.group()), window.start, window.end, window.total(), window.revision() + 1,
          window.amended, watermark == StreamClock.UNKNOWN ? window.end : watermark);
      return;
    }
    if (definition.emit() == EmitMode.UPDATES && carriesNewEvents(before, partial.value())) {
      changed.computeIfAbsent(key, k -> new HashSet<>()).add(window.start);
    }
    closing.put(key, Math.min(closing.get(key), closesAt));
  }

  /** The partitions' lowest stream time moved: final rows for the windows it closed. */
  void advance(long lowestStreamTime) {
    watermark = lowestStreamTime - grace;
    for (String key : closing.due(watermark)) {
      MergedGroup group = groups.get(key);
      if (group == null) {
        continue;
      }
      GroupKey groupKey = GroupKey.ofStoreKey(key);
      Iterator<MergedGroup.Window> windows = group.windows.values().iterator();
      while (windows.hasNext()) {
        MergedGroup.Window window = windows.next();
        long closesAt = kind.closesAt(window.start, window.end);
        if (!window.finalSent && closesAt <= watermark) {
          rows.finalRow(groupKey, window.start, window.end, window.total(), window.revision() + 1, false, watermark);
          window.finalSent = true;
        }
        if (window.finalSent && closesAt <= watermark - allowedLateness) {
          windows.remove(); // no partition amends it any more
        }
      }
      if (group.windows.isEmpty()) {
        groups.delete(key);
        changed.remove(key);
      } else {
        groups.put(key, group);
        closing.put(key, nextDue(group));
      }
    }
  }

  /**
   * Provisional rows for the open windows changed since the last emission; they carry the lowest
   * known stream time less grace (the windows close only once every partition's is known).
   */
  void emitChanged(long lowestKnownStreamTime) {
    long rowWatermark = watermark != StreamClock.UNKNOWN ? watermark
        : lowestKnownStreamTime == StreamClock.UNKNOWN ? 0 : lowestKnownStreamTime - grace;
    for (Map.Entry<String, Set<Long>> entry : changed.entrySet()) {
      MergedGroup group = groups.get(entry.getKey());
      if (group == null) {
        continue;
      }
      GroupKey groupKey = GroupKey.ofStoreKey(entry.getKey());
      for (long start : entry.getValue()) {
        MergedGroup.Window window = group.windows.get(start);
        if (window != null && !window.finalSent) {
          rows.provisional(groupKey, window.start, window.end, window.total(), window.revision(), rowWatermark);
        }
      }
    }
    changed.clear();
  }

  /**
   * A partition's last partial of a window it closed may carry no event the previous one lacked: it
   * changes no row (and a provisional row for it would be as old as the window's last event).
   */
  private static boolean carriesNewEvents(Slot before, Slot after) {
    return before == null || before.count != after.count || before.lateCount() != after.lateCount()
        || before.lastReceivedMs != after.lastReceivedMs;
  }

  /** When the group next has a window to close, or a final one to drop. */
  private long nextDue(MergedGroup group) {
    long due = Long.MAX_VALUE;
    for (MergedGroup.Window window : group.windows.values()) {
      long closesAt = kind.closesAt(window.start, window.end);
      due = Math.min(due, window.finalSent ? closesAt + allowedLateness : closesAt);
    }
    return due;
  }
}
