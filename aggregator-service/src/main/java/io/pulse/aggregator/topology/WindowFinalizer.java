package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns window changes into rows with a revision and a final flag. Every {@code emitInterval} of
 * wall-clock time it (1) lets stream time follow the wall clock if no event moved it for
 * {@code idleTimeout}, so a quiet stream still closes its windows; (2) emits one final row for
 * each window whose close time the watermark has reached, with the value read from the windowed
 * aggregate's store; (3) emits one provisional row per window changed since the last tick (emit
 * mode "updates"). Rows therefore leave at a bounded rate however many events arrive, and a final
 * row always outranks the provisional rows of its window.
 *
 * <p>Per event it only touches memory: the open-windows store is written when a window appears,
 * is emitted or is removed, not with every change (that write, with its serialization and
 * changelog record, was a large share of the per-event cost). A change not yet emitted when the
 * task crashes is re-read from the window store when the window closes.
 */
class WindowFinalizer implements Processor<Windowed<String>, WindowAccumulator, String, WindowResult> {

  private static final Logger log = LoggerFactory.getLogger(WindowFinalizer.class);

  private final AggregationDefinition definition;
  private final WindowRules rules;
  private final String clockStore;
  private final String openStore;
  private final Duration emitInterval;
  private final long idleTimeout;
  private ProcessorContext<String, WindowResult> context;
  private StreamClock clock;
  private KeyValueStore<String, OpenWindow> open;
  private WindowValues values;
  /** Open window ids by close time: which windows the watermark has reached, without a scan. */
  private final TreeMap<Long, Set<String>> byCloseTime = new TreeMap<>();
  /** Sliding windows whose provisional row waits for stream time to reach their end, by end. */
  private final TreeMap<Long, Set<String>> deferredByEnd = new TreeMap<>();
  /** Ids of the windows in {@link #open}, those marked removed, and the newest values not emitted yet. */
  private final Set<String> known = new HashSet<>();
  private final Set<String> removed = new HashSet<>();
  private final Map<String, WindowAccumulator> changed = new LinkedHashMap<>();
  private long lastStreamTime = StreamClock.UNKNOWN;
  private long stalledSince;
  private long lastTick;

  WindowFinalizer(AggregationDefinition definition, String clockStore, String openStore, Duration emitInterval,
      Duration idleTimeout) {
    this.definition = definition;
    this.rules = new WindowRules(definition);
    this.clockStore = clockStore;
    this.openStore = openStore;
    this.emitInterval = emitInterval;
    this.idleTimeout = idleTimeout.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WindowResult> context) {
    this.context = context;
    this.clock = new StreamClock(context.getStateStore(clockStore));
    this.open = context.getStateStore(openStore);
    this.values = WindowValues.of(context, definition);
    try (KeyValueIterator<String, OpenWindow> all = open.all()) {
      all.forEachRemaining(entry -> index(entry.value));
    }
    stalledSince = lastTick = context.currentSystemTimeMs();
    lastStreamTime = clock.streamTime();
    context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<Windowed<String>, WindowAccumulator> change) {
    Windowed<String> window = change.key();
    long start = window.window().start();
    long end = window.window().end();
    String id = OpenWindow.id(window.key(), start, end);
    if (change.value() == null) {
      // A session replaced by a larger one, or a leftover of a crash (SessionAggregator): its row
      // is retracted at the next tick, unless the window came back by then.
      OpenWindow gone = known.contains(id) ? open.get(id) : null;
      if (gone != null) {
        open.put(id, gone.markRemoved());
        removed.add(id);
        changed.put(id, null);
      }
      return;
    }
    if (rules.closesAt(end) <= rules.watermark(clock.streamTime())) {
      // Only possible once idleness moved the watermark past a window Kafka Streams still keeps
      // open: that window is final already, so this late change must not alter it.
      return;
    }
    if (known.add(id)) {
      open.put(id, new OpenWindow(window.key(), start, end, change.value(), false, false));
      byCloseTime.computeIfAbsent(rules.closesAt(end), k -> new HashSet<>()).add(id);
    } else if (removed.remove(id)) {
      open.put(id, open.get(id).withAcc(change.value()));
    }
    changed.put(id, change.value());
  }

  private void tick(long now) {
    long streamTime = followWallClockWhenIdle(now);
    if (streamTime == StreamClock.UNKNOWN) {
      return;
    }
    long watermark = rules.watermark(streamTime);
    for (String id : due(byCloseTime, watermark)) {
      OpenWindow window = open.get(id);
      WindowAccumulator unsent = changed.get(id);
      forget(id);
      if (window == null) {
        continue;
      }
      WindowAccumulator last = window.removed() ? null : values.current(window.key(), window.start(), window.end());
      if (last == null && !window.removed() && definition.window().type() != WindowType.SESSION) {
        // Only sessions disappear from their store; keep a time window's row rather than retract it.
        log.warn("Window {} of {} closed but is missing from its store; finalizing its last known value", id,
            definition.name());
        last = unsent != null ? unsent : window.acc();
      }
      if (last != null) {
        emit(window.withAcc(last), last.revision() + 1, true, false, watermark);
      } else if (window.emitted()) {
        emit(window, WindowResult.RETRACTED_REVISION, false, true, watermark);
      }
    }
    Map<String, WindowAccumulator> pending = new LinkedHashMap<>(changed);
    changed.clear();
    for (String id : due(deferredByEnd, streamTime)) {
      OpenWindow window = open.get(id);
      WindowAccumulator value = window == null ? null : values.current(window.key(), window.start(), window.end());
      pending.remove(id);
      if (value != null) {
        emitProvisional(window, value, watermark);
      }
    }
    for (Map.Entry<String, WindowAccumulator> change : pending.entrySet()) {
      OpenWindow window = open.get(change.getKey());
      if (window == null) {
        continue;
      }
      if (window.removed()) {
        retract(window, watermark);
      } else if (definition.emit() == EmitMode.UPDATES) {
        if (slidingAhead(window.end(), streamTime)) {
          deferredByEnd.computeIfAbsent(window.end(), end -> new HashSet<>()).add(window.id());
        } else {
          emitProvisional(window, change.getValue(), watermark);
        }
      }
    }
  }

  private void emitProvisional(OpenWindow window, WindowAccumulator value, long watermark) {
    OpenWindow latest = window.withAcc(value);
    emit(latest, value.revision(), false, false, watermark);
    if (!window.emitted()) {
      open.put(window.id(), latest.markEmitted());
    }
  }

  /**
   * A sliding window ending after stream time: every event of its key until then changes it (that
   * is what makes sliding windows cost one update per neighbouring event), yet no reader sees it
   * before stream time reaches its end, since a sliding board shows each key's newest window ending
   * by then. Its provisional row waits for that moment and carries the value read from the store:
   * one row instead of one per tick while it fills.
   */
  private boolean slidingAhead(long windowEnd, long streamTime) {
    return definition.window().type() == WindowType.SLIDING && windowEnd > streamTime;
  }

  /** Removes and returns the ids indexed at or before {@code time}. */
  private static List<String> due(TreeMap<Long, Set<String>> index, long time) {
    SortedMap<Long, Set<String>> head = index.headMap(time, true);
    List<String> ids = new ArrayList<>();
    head.values().forEach(ids::addAll);
    head.clear();
    return ids;
  }

  /** Stream time moves only with events; after {@code idleTimeout} without progress it follows the wall clock. */
  private long followWallClockWhenIdle(long now) {
    long streamTime = clock.streamTime();
    if (streamTime != lastStreamTime) {
      lastStreamTime = streamTime;
      stalledSince = now;
    } else if (streamTime != StreamClock.UNKNOWN && now - stalledSince >= idleTimeout) {
      streamTime = clock.advanceTo(streamTime + (now - lastTick));
      lastStreamTime = streamTime;
    }
    lastTick = now;
    return streamTime;
  }

  private void retract(OpenWindow window, long watermark) {
    forget(window.id());
    Set<String> sameClose = byCloseTime.get(rules.closesAt(window.end()));
    if (sameClose != null) {
      sameClose.remove(window.id());
    }
    if (window.emitted()) {
      emit(window, WindowResult.RETRACTED_REVISION, false, true, watermark);
    }
  }

  private void forget(String id) {
    open.delete(id);
    known.remove(id);
    removed.remove(id);
    changed.remove(id);
  }

  private void index(OpenWindow window) {
    byCloseTime.computeIfAbsent(rules.closesAt(window.end()), k -> new HashSet<>()).add(window.id());
    if (!window.emitted() && definition.window().type() == WindowType.SLIDING && definition.emit() == EmitMode.UPDATES) {
      // after a restart: its row may have been waiting for stream time (emitted from the store when due)
      deferredByEnd.computeIfAbsent(window.end(), k -> new HashSet<>()).add(window.id());
    }
    known.add(window.id());
    if (window.removed()) {
      removed.add(window.id());
    }
  }

  private void emit(OpenWindow window, long revision, boolean isFinal, boolean retracted, long watermark) {
    GroupKey key = GroupKey.decode(window.key());
    WindowAccumulator acc = retracted ? WindowAccumulator.EMPTY : window.acc();
    WindowResult row = new WindowResult(definition.name(), Instant.ofEpochMilli(window.start()),
        Instant.ofEpochMilli(window.end()), key.value(), key.type(), key.country(), key.plan(),
        acc.count(), acc.value(definition.measure()), revision, isFinal, retracted,
        Instant.ofEpochMilli(watermark), Instant.ofEpochMilli(acc.lastReceivedMs()), Instant.ofEpochMilli(context.currentSystemTimeMs()));
    // Keyed by group, not by window: every row of a group goes to one partition in emission order,
    // which the sink's clean-up of superseded sessions relies on (SupersededSessions).
    context.forward(new Record<>(definition.name() + "|" + window.key(), row, context.currentSystemTimeMs()));
  }
}
