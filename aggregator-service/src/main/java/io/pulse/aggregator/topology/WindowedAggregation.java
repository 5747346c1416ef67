package io.pulse.aggregator.topology;

import io.pulse.aggregator.topology.Slot.Contribution;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.LatePolicy;
import io.pulse.contracts.aggregation.Measure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One declared aggregation inside its dimension's processor: the watermark gate, the groups'
 * slots, and when their windows' versions leave (as rows, or as a source partition's partials: {@link WindowOutput}). Per event it reads
 * and writes one store value (its group's); rows leave at the ticks, at most one per window changed
 * since the last tick, so their rate is bounded however many events arrive.
 */
final class WindowedAggregation {

  /** How long (watermark time) an empty group is kept for its replay marks after its last window closed. */
  private static final long PURGE_MARGIN = Duration.ofHours(1).toMillis();

  private final AggregationDefinition definition;
  /** Its position among the dimension's aggregations: its bit in {@link DimensionEvent#firstVisits()}. */
  private final int index;
  private final boolean countsFirstVisits;
  private final WindowKind kind;
  private final long grace;
  private final long allowedLateness;
  private final Measure measure;
  private final ProcessorContext<String, Emission> context;
  private final WindowOutput rows;
  private final LateWindows lateWindows;
  private final KeyValueStore<String, GroupState> groups;
  private final StreamClock clock;
  /** Per group, the earliest watermark at which one of its windows closes (or it may be purged). */
  private final CloseIndex closing = new CloseIndex();
  /** Per group, the slots changed since the last tick (by start): their windows get provisional rows. */
  private final Map<String, Set<Long>> changed = new LinkedHashMap<>();

  WindowedAggregation(AggregationDefinition definition, int index, ProcessorContext<String, Emission> context,
      KeyValueStore<String, GroupState> groups, StreamClock clock, WindowOutput rows) {
    this.definition = definition;
    this.index = index;
    this.countsFirstVisits = FirstVisits.countsDistinctUsers(definition);
    this.kind = WindowKind.of(definition.window());
    this.grace = definition.grace().toMillis();
    this.allowedLateness = definition.allowedLateness().toMillis();
    this.measure = definition.measure();
    this.context = context;
    this.rows = rows;
    this.lateWindows = new LateWindows(definition, kind, rows);
    this.groups = groups;
    this.clock = clock;
  }

  boolean counts(DimensionEvent event) {
    return definition.eventTypes().isEmpty() || definition.eventTypes().contains(event.type());
  }

  /** A group found in the store when the task starts. */
  void restore(String key, GroupState state) {
    index(key, nextCloseOf(state));
  }

  void process(String dimensionValue, DimensionEvent event, long eventTime) {
    GroupKey group = GroupKey.of(definition, dimensionValue, event);
    String key = GroupKey.storeKey(definition.name(), group.encode());
    GroupState state = groups.get(key);
    if (state == null) {
      state = new GroupState();
    } else if (state.processed.includes(event.source())) {
      return; // at-least-once replayed a record this group has processed: counted or reported late already
    }
    long watermark = clock.observe(eventTime, context.currentSystemTimeMs()) - grace;
    state.processed.add(event.source());
    if (kind.isLate(eventTime, watermark)) {
      if (definition.late() != LatePolicy.RECORD && !kind.isLate(eventTime, watermark - allowedLateness)) {
        countLate(key, group, state, dimensionValue, event, eventTime, watermark);
        return;
      }
      forwardLate(dimensionValue, lateWindows.wholly(event, eventTime, watermark, ""), eventTime);
      if (state.slots.isEmpty() && state.lastClosed == Slot.NONE) {
        state.lastClosed = watermark;
      }
      groups.put(key, state);
      index(key, Math.min(closing.get(key), nextCloseOf(state)));
      return;
    }
    long due = closing.get(key);
    if (due <= watermark) {
      close(group, state, watermark); // windows the watermark closed before this event's tick: final first
    }
    state.finalizedThrough = Math.max(state.finalizedThrough, watermark);
    Slot slot = kind.add(state, contribution(event, eventTime), merged -> rows.retractIfEmitted(group, merged, watermark));
    state.revision++;
    long[] earliest = {Long.MAX_VALUE};
    kind.windowsOf(state, slot, (start, end) -> earliest[0] = Math.min(earliest[0], kind.closesAt(start, end)));
    if (earliest[0] <= state.finalizedThrough) { // a window of the slot had closed: a hopping pane's older windows
      LateEvent missed = lateWindows.missedBy(group, state, slot, event, eventTime, watermark);
      if (missed != null) {
        forwardLate(dimensionValue, missed, eventTime);
      }
    }
    groups.put(key, state);
    if (definition.emit() == EmitMode.UPDATES) {
      changed.computeIfAbsent(key, k -> new HashSet<>()).add(slot.start);
    }
    if (earliest[0] < due) { // most events land in a window no earlier than the group's next close: nothing to re-index
      index(key, earliest[0]);
    }
  }

  /**
   * A late event within the allowed lateness: {@code amend} adds it to its closed windows, which
   * leave again as final rows with a higher revision, marked amended; {@code side} counts it in
   * their late count, beside the unchanged value (and records it late, so it stays traceable).
   * Windows of the slot that are still open get their provisional row at the next tick.
   */
  private void countLate(String key, GroupKey group, GroupState state, String dimensionValue, DimensionEvent event,
      long eventTime, long watermark) {
    boolean amend = definition.late() == LatePolicy.AMEND;
    Slot slot;
    if (amend) {
      slot = kind.add(state, contribution(event, eventTime), merged -> rows.retractIfEmitted(group, merged, watermark));
    } else {
      slot = kind.slotAt(state, eventTime);
      slot.lateCount(slot.lateCount() + 1);
      forwardLate(dimensionValue,
          lateWindows.wholly(event, eventTime, watermark, ": counted in its late count (late: side)"), eventTime);
    }
    state.revision++;
    Set<Long> seen = new HashSet<>();
    kind.windowsOf(state, slot, (start, end) -> {
      if (kind.closesAt(start, end) > state.finalizedThrough) {
        if (definition.emit() == EmitMode.UPDATES) {
          changed.computeIfAbsent(key, k -> new HashSet<>()).add(slot.start);
        }
      } else if (seen.add(start)) {
        Slot value = kind.value(state, start, end);
        rows.finalRow(group, start, end, value, state.revision + 1, amend, watermark);
      }
    });
    groups.put(key, state);
    long[] earliest = {closing.get(key)};
    kind.windowsOf(state, slot, (start, end) -> {
      if (kind.closesAt(start, end) > state.finalizedThrough) {
        earliest[0] = Math.min(earliest[0], kind.closesAt(start, end));
      }
    });
    index(key, earliest[0]);
  }

  StreamClock clock() {
    return clock;
  }

  /** Closes what the watermark ({@code streamTime} less grace) closed and sends the windows changed since the last tick. */
  void tick(long streamTime) {
    if (streamTime == StreamClock.UNKNOWN) {
      return;
    }
    long watermark = streamTime - grace;
    for (String key : closing.due(watermark)) {
      GroupState state = groups.get(key);
      if (state == null) {
        continue;
      }
      close(GroupKey.ofStoreKey(key), state, watermark);
      if (state.slots.isEmpty() && watermark >= purgeAt(state)) {
        groups.delete(key);
        changed.remove(key);
      } else {
        groups.put(key, state);
        index(key, nextCloseOf(state));
      }
    }
    for (Map.Entry<String, Set<Long>> entry : changed.entrySet()) {
      emitProvisional(entry.getKey(), entry.getValue(), watermark);
    }
    changed.clear();
  }

  /** Final rows for the group's windows that the watermark closed; drops the slots no open window needs. */
  private void close(GroupKey group, GroupState state, long watermark) {
    List<long[]> closing = new ArrayList<>();
    kind.windowsClosing(state, state.finalizedThrough, watermark,
        (start, end) -> closing.add(new long[] {start, end, kind.closesAt(start, end)}));
    closing.sort(Comparator.comparingLong(window -> window[2]));
    for (long[] window : closing) {
      rows.finalRow(group, window[0], window[1], kind.value(state, window[0], window[1]), state.revision + 1, false,
          watermark);
      state.lastClosed = Math.max(state.lastClosed, window[2]);
    }
    state.finalizedThrough = Math.max(state.finalizedThrough, watermark);
    kind.prune(state, state.finalizedThrough - allowedLateness); // late events within the lateness may still amend them
  }

  private void emitProvisional(String key, Set<Long> changedSlots, long watermark) {
    GroupState state = groups.get(key);
    if (state == null) {
      return;
    }
    GroupKey group = GroupKey.ofStoreKey(key);
    Set<Long> emitted = new HashSet<>();
    boolean spansMoved = false;
    for (long start : changedSlots) {
      Slot slot = state.slotStartingAt(start);
      if (slot == null) {
        continue; // merged into another session since, or closed
      }
      spansMoved |= rows.moveSpan(group, slot, watermark);
      kind.windowsOf(state, slot, (windowStart, windowEnd) -> {
        if (kind.closesAt(windowStart, windowEnd) > state.finalizedThrough && emitted.add(windowStart)) {
          rows.provisional(group, windowStart, windowEnd, kind.value(state, windowStart, windowEnd), state.revision, watermark);
        }
      });
    }
    if (spansMoved) {
      groups.put(key, state); // which span of each session has a row: a later row of another span retracts it
    }
  }

  private long nextCloseOf(GroupState state) {
    long next = kind.nextClose(state, state.finalizedThrough);
    return next == Long.MAX_VALUE ? purgeAt(state) : next;
  }

  /** When a group without open windows is checked again: its kept slots pruned, or itself purged when empty. */
  private long purgeAt(GroupState state) {
    long closed = state.lastClosed == Slot.NONE ? state.finalizedThrough : state.lastClosed;
    return closed == Slot.NONE ? Long.MAX_VALUE : closed + Math.max(PURGE_MARGIN, allowedLateness);
  }

  private void index(String key, long closesAt) {
    closing.put(key, closesAt);
  }

  private Contribution contribution(DimensionEvent event, long eventTime) {
    if (measure == Measure.PERCENTILES) {
      return new Contribution(eventTime, event.value(), event.receivedAtMs(), null, false, measure);
    }
    if (measure == Measure.APPROX_DISTINCT_USERS) {
      return new Contribution(eventTime, event.value(), event.receivedAtMs(), DistinctUsers.hash(event.userId()), false,
          measure);
    }
    if (measure != Measure.DISTINCT_USERS) {
      return new Contribution(eventTime, event.value(), event.receivedAtMs());
    }
    return countsFirstVisits
        ? new Contribution(eventTime, event.value(), event.receivedAtMs(), null, event.firstVisit(index))
        : new Contribution(eventTime, event.value(), event.receivedAtMs(), DistinctUsers.hash(event.userId()), false);
  }

  private void forwardLate(String dimensionValue, LateEvent late, long eventTime) {
    context.forward(new Record<>(dimensionValue, Emission.late(late), eventTime));
  }
}
