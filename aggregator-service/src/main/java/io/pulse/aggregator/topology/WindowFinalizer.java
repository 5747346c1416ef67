package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.WindowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns window changes into rows with a revision and a final flag. Every {@code emitInterval} of
 * wall-clock time it (1) lets stream time follow the wall clock if no event moved it for
 * {@code idleTimeout}, so a quiet stream still closes its windows; (2) emits one final row for
 * each window whose close time the watermark has reached; (3) emits one provisional row per
 * window changed since the last tick (emit mode "updates"). Rows therefore leave at a bounded rate
 * however many events arrive, and a final row always outranks the provisional rows of its window.
 */
class WindowFinalizer implements Processor<Windowed<String>, WindowAccumulator, String, WindowResult> {

  /** Retraction of a session merged into a larger one: it can never come back, so it outranks all. */
  static final long RETRACTED_REVISION = Long.MAX_VALUE;

  private final AggregationDefinition definition;
  private final WindowRules rules;
  private final String clockStore;
  private final String openStore;
  private final Duration emitInterval;
  private final long idleTimeout;
  private ProcessorContext<String, WindowResult> context;
  private StreamClock clock;
  private KeyValueStore<String, OpenWindow> open;
  /** Open window ids by close time: which windows the watermark has reached, without a scan. */
  private final TreeMap<Long, Set<String>> byCloseTime = new TreeMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
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
      // A session merged away. Kafka Streams also sends this when an event lands inside an
      // existing session, immediately followed by the same session with the new value, so the
      // retraction waits for the next tick and is dropped if the window came back.
      OpenWindow removed = open.get(id);
      if (removed != null) {
        open.put(id, removed.markRemoved());
        dirty.add(id);
      }
      return;
    }
    long streamTime = clock.streamTime();
    if (rules.closesAt(end) <= rules.watermark(streamTime)) {
      // Only possible once idleness moved the watermark past a window Kafka Streams still keeps
      // open: that window is final already, so this late change must not alter it.
      return;
    }
    OpenWindow previous = open.get(id);
    open.put(id, previous == null
        ? new OpenWindow(window.key(), start, end, change.value(), false, false)
        : previous.withAcc(change.value()));
    if (previous == null) {
      byCloseTime.computeIfAbsent(rules.closesAt(end), k -> new HashSet<>()).add(id);
    }
    dirty.add(id);
  }

  private void tick(long now) {
    long streamTime = followWallClockWhenIdle(now);
    if (streamTime == StreamClock.UNKNOWN) {
      return;
    }
    long watermark = rules.watermark(streamTime);
    List<String> closing = new ArrayList<>();
    for (Map.Entry<Long, Set<String>> due : byCloseTime.headMap(watermark, true).entrySet()) {
      closing.addAll(due.getValue());
    }
    byCloseTime.headMap(watermark, true).clear();
    for (String id : closing) {
      OpenWindow window = open.get(id);
      open.delete(id);
      dirty.remove(id);
      if (window != null && !window.removed()) {
        emit(window, window.acc().revision() + 1, true, false, watermark);
      } else if (window != null && window.emitted()) {
        emit(window, RETRACTED_REVISION, false, true, watermark);
      }
    }
    for (String id : dirty) {
      OpenWindow window = open.get(id);
      if (window == null) {
        continue;
      }
      if (window.removed()) {
        retract(window, watermark);
      } else if (definition.emit() == EmitMode.UPDATES) {
        emit(window, window.acc().revision(), false, false, watermark);
        if (!window.emitted()) {
          open.put(id, window.markEmitted());
        }
      }
    }
    dirty.clear();
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
    open.delete(window.id());
    Set<String> sameClose = byCloseTime.get(rules.closesAt(window.end()));
    if (sameClose != null) {
      sameClose.remove(window.id());
    }
    if (window.emitted()) {
      emit(window, RETRACTED_REVISION, false, true, watermark);
    }
  }

  private void index(OpenWindow window) {
    byCloseTime.computeIfAbsent(rules.closesAt(window.end()), k -> new HashSet<>()).add(window.id());
  }

  private void emit(OpenWindow window, long revision, boolean isFinal, boolean retracted, long watermark) {
    GroupKey key = GroupKey.decode(window.key());
    WindowAccumulator acc = retracted ? WindowAccumulator.EMPTY : window.acc();
    WindowResult row = new WindowResult(definition.name(), Instant.ofEpochMilli(window.start()),
        Instant.ofEpochMilli(window.end()), key.value(), key.type(), key.country(), key.plan(),
        acc.count(), acc.value(definition.measure()), revision, isFinal, retracted,
        Instant.ofEpochMilli(watermark), Instant.ofEpochMilli(acc.lastReceivedMs()), Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.forward(new Record<>(definition.name() + "|" + window.id(), row, context.currentSystemTimeMs()));
  }
}
