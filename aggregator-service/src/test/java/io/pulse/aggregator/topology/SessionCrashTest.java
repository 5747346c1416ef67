package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Under at-least-once a crash can cut an event's store writes anywhere: the changelog records
 * before the cut are restored, the rest are lost, and the records after the last commit are
 * replayed. For sessions that means: no cut may leave fewer counted events than before the event
 * (those would be lost for good) or more than after it (double counts), once the leftovers a cut
 * can leave are recognised. The driver cannot crash a task, so the first test replays the
 * changelog prefix by prefix, and the others run the processors on stores in a cut state.
 */
class SessionCrashTest {

  private static final Duration GAP = Duration.ofMinutes(1);
  private static final AggregationDefinition SESSIONS = aggregation("sessions", session(GAP), Duration.ofMinutes(10),
      Measure.COUNT, "userId", List.of(), EmitMode.UPDATES);
  private static final String STORE = Windowing.storeName(SESSIONS);
  private static final String KEY = new GroupKey("u1", "", "", "").encode();

  @Test
  void noCutThroughTheStoreWritesOfAnEventLosesOrDoubleCountsAnEvent() {
    List<Instant> times = List.of(T0, T0.plusSeconds(30), T0.plusSeconds(10), T0.plusSeconds(120),
        T0.plusSeconds(75), T0.plusSeconds(80)); // a session, extended, filled; a second one; a bridge; inside
    Map<Span, Long> stored = new HashMap<>();
    try (TopologyFixture fixture = new TopologyFixture(SESSIONS)) {
      var changelog = fixture.driver.createOutputTopic("topology-test-" + STORE + "-changelog",
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
      long counted = 0;
      for (Instant time : times) {
        fixture.send("click", "u1", "p1", time);
        List<TestRecord<byte[], byte[]>> writes = changelog.readRecordsToList();
        assertThat(writes).as("the event's store writes").isNotEmpty();
        for (int cut = 0; cut <= writes.size(); cut++) {
          Map<Span, Long> restored = new HashMap<>(stored);
          writes.subList(0, cut).forEach(write -> apply(restored, write));
          assertThat(countedBeyondLeftovers(restored)).as("event at %s, cut after %d of %d writes", time, cut, writes.size())
              .isBetween(counted, counted + 1);
        }
        writes.forEach(write -> apply(stored, write));
        assertThat(countedBeyondLeftovers(stored)).isEqualTo(++counted);
      }
    }
  }

  @Test
  void aLeftoverInsideTheSessionThatReplacedItIsRemovedAndNotCountedAgain() {
    MockProcessorContext<Windowed<String>, WindowAccumulator> context = new MockProcessorContext<>();
    SessionStore<String, WindowAccumulator> store = register(context, Stores.sessionStoreBuilder(
        Stores.inMemorySessionStore(STORE, Duration.ofHours(2)), Serdes.String(), new WindowAccumulatorSerde())
        .withLoggingDisabled().build());
    // The cut state: the merged session [0 s, 40 s] written (events at offsets 1..3), the session it
    // replaced, [0 s, 30 s] (offsets 1..2), not yet removed.
    store.put(span(0, 30), counting(1, 2));
    store.put(span(0, 40), counting(1, 2, 3));
    SessionAggregator aggregator = new SessionAggregator(SESSIONS);
    aggregator.init(context);

    aggregator.process(event(3, 40)); // the replay of the event that merged them
    aggregator.process(event(4, 20)); // a new event inside

    assertThat(store.fetchSession(KEY, T0.toEpochMilli(), T0.toEpochMilli() + 30_000)).as("the leftover, removed").isNull();
    assertThat(store.fetchSession(KEY, T0.toEpochMilli(), T0.toEpochMilli() + 40_000).count()).isEqualTo(4);
    assertThat(context.forwarded()).extracting(forward -> forward.record().value() == null ? "removed" : "counts "
            + forward.record().value().count())
        .containsExactly("removed", "counts 3", "counts 4");
  }

  @Test
  void aLeftoverIsRetractedWhenItCloses() {
    MockProcessorContext<String, WindowResult> context = new MockProcessorContext<>();
    KeyValueStore<String, Long> clockStore = register(context, Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("sessions-stream-time"), Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
    KeyValueStore<String, OpenWindow> openStore = register(context, Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("sessions-open-windows"), Serdes.String(), new OpenWindowSerde())
        .withLoggingDisabled().build());
    SessionStore<String, WindowAccumulator> store = register(context, Stores.sessionStoreBuilder(
        Stores.inMemorySessionStore(STORE, Duration.ofHours(2)), Serdes.String(), new WindowAccumulatorSerde())
        .withLoggingDisabled().build());
    // The finalizer's memory from before the crash knows the old session, emitted; the cut store holds both.
    long start = T0.toEpochMilli();
    store.put(span(0, 30), counting(1, 2));
    store.put(span(0, 40), counting(1, 2, 3));
    OpenWindow old = new OpenWindow(KEY, start, start + 30_000, counting(1, 2), true, false);
    OpenWindow merged = new OpenWindow(KEY, start, start + 40_000, counting(1, 2, 3), true, false);
    openStore.put(old.id(), old);
    openStore.put(merged.id(), merged);
    new StreamClock(clockStore).advanceTo(start + Duration.ofMinutes(20).toMillis());

    context.setCurrentSystemTimeMs(1_000_000);
    new WindowFinalizer(SESSIONS, "sessions-stream-time", "sessions-open-windows", Duration.ofMillis(250),
        Duration.ofSeconds(10)).init(context);
    context.setCurrentSystemTimeMs(1_000_250);
    context.scheduledPunctuators().getFirst().getPunctuator().punctuate(1_000_250);

    assertThat(context.forwarded()).extracting(forward -> (WindowResult) forward.record().value())
        .extracting(row -> row.windowEnd().toEpochMilli() - start, WindowResult::isFinal, WindowResult::retracted,
            WindowResult::count)
        .containsExactlyInAnyOrder(
            Tuple.tuple(30_000L, false, true, 0L),
            Tuple.tuple(40_000L, true, false, 3L));
  }

  /** A stored session: its group key and span, as the session store's changelog key spells them. */
  private record Span(String group, long start, long end) {

    /** Key bytes, then end and start (8 bytes each). */
    static Span of(byte[] changelogKey) {
      ByteBuffer key = ByteBuffer.wrap(changelogKey);
      byte[] group = new byte[key.remaining() - 16];
      key.get(group);
      long end = key.getLong();
      return new Span(new String(group, StandardCharsets.UTF_8), key.getLong(), end);
    }

    boolean within(Span other) {
      return !equals(other) && group.equals(other.group) && other.start <= start && end <= other.end;
    }
  }

  /** Applies one changelog record of the session store. */
  private static void apply(Map<Span, Long> sessions, TestRecord<byte[], byte[]> write) {
    Span span = Span.of(write.key());
    if (write.value() == null) {
      sessions.remove(span);
    } else {
      sessions.put(span, new WindowAccumulatorSerde().deserializer().deserialize("", write.value()).count());
    }
  }

  /** Events counted by the stored sessions, not counting a session that lies within another one. */
  private static long countedBeyondLeftovers(Map<Span, Long> sessions) {
    return sessions.entrySet().stream()
        .filter(session -> sessions.keySet().stream().noneMatch(session.getKey()::within))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static Windowed<String> span(int startSecond, int endSecond) {
    return new Windowed<>(KEY, new SessionWindow(T0.toEpochMilli() + startSecond * 1000L, T0.toEpochMilli() + endSecond * 1000L));
  }

  /** A session value counting the events at the given offsets of partition 0. */
  private static WindowAccumulator counting(long... offsets) {
    WindowAccumulator value = WindowAccumulator.EMPTY;
    for (long offset : offsets) {
      value = value.add(sourced(offset, 0), Measure.COUNT);
    }
    return value;
  }

  private static Record<String, SourcedEvent> event(long offset, int second) {
    return new Record<>(KEY, sourced(offset, second), T0.toEpochMilli() + second * 1000L);
  }

  private static SourcedEvent sourced(long offset, int second) {
    Event event = new Event("e" + offset, "click", "u1", "p1", null, T0.plusSeconds(second), Map.of());
    return new SourcedEvent(EnrichedEvent.of(event, T0, null), new SourcePosition(0, offset));
  }

  private static <S extends StateStore> S register(MockProcessorContext<?, ?> context, S store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }
}
