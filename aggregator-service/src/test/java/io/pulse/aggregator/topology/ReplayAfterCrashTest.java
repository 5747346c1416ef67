package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.events.DeduplicateEvents;
import io.pulse.aggregator.events.ParsedEvent;
import io.pulse.aggregator.events.SourcePosition;
import io.pulse.aggregator.events.SourcedEvent;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * At-least-once after a crash: the stores come back as they were last flushed (at or after the last
 * commit), the records after the last commit come again at the offsets they had, and the rows sent
 * before the crash are in ClickHouse already. The topology test driver cannot crash a task, so the
 * processors run here on stores they are handed, and every (commit, flush, crash) cut is tried.
 */
class ReplayAfterCrashTest {

  private static final long T = T0.toEpochMilli();
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final List<AggregationDefinition> EVERY_TYPE = Arrays.stream(WindowType.values())
      .map(type -> new AggregationDefinition(type.name().toLowerCase(), Set.of(), "entityId", List.of(), Measure.COUNT,
          TopologyFixture.ofType(type, "entityId", EmitMode.UPDATES).window(), MINUTE.multipliedBy(2), EmitMode.UPDATES))
      .toList();
  private static final Dimension ENTITIES = new Dimension("entityId", false, EVERY_TYPE);

  @Test
  void dedupLetsTheSameRecordThroughAgainButDropsACopyAtAnotherOffset() {
    FixedKeyHarness<String, ParsedEvent> harness = new FixedKeyHarness<>();
    harness.register(Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(AnalyticsTopology.DEDUP_STORE, Duration.ofHours(2), Duration.ofHours(1), false),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
    AtomicInteger duplicates = new AtomicInteger();
    DeduplicateEvents dedup = new DeduplicateEvents(AnalyticsTopology.DEDUP_STORE, Duration.ofHours(1), duplicates::incrementAndGet);
    dedup.init(harness.context);

    dedup.process(parsed("e-1", 3, 40));
    dedup.process(parsed("e-1", 3, 40)); // replayed: its downstream records may never have reached Kafka
    dedup.process(parsed("e-1", 3, 52)); // a client's retry: a true duplicate

    assertThat(harness.forwarded).hasSize(2)
        .allSatisfy(record -> assertThat(record.value().source()).isEqualTo(new SourcePosition(3, 40)));
    assertThat(duplicates).hasValue(1);
  }

  @Test
  void aUsersFirstVisitIsMarkedAgainWhenItsEventIsReplayedAndNoLaterEventIsMarked() {
    AggregationDefinition active = TopologyFixture.ofType(WindowType.TUMBLING, "country", EmitMode.UPDATES, Measure.DISTINCT_USERS);
    FixedKeyHarness<String, SourcedEvent> harness = new FixedKeyHarness<>();
    harness.register(FirstVisits.store(List.of(active)).withLoggingDisabled().build());
    FirstVisits visits = new FirstVisits(List.of(active));
    visits.init(harness.context);

    visits.process(visit(0, 5, T + 1_000));   // first visit of the minute
    visits.process(visit(0, 6, T + 2_000));   // same user, same minute
    visits.process(visit(0, 5, T + 1_000));   // the first one, replayed after a crash
    visits.process(visit(0, 7, T + 61_000));  // the next minute

    assertThat(harness.forwarded).extracting(record -> !record.value().firstVisits().isEmpty())
        .containsExactly(true, false, true, true);
  }

  @Test
  void aReplayedRecordIsNeitherCountedAgainNorReportedLateWhenStreamTimeCameBackAheadOfIt() {
    Run run = new Run();
    run.send(0, 10, "p1", T + 5_000);
    run.send(0, 11, "p1", T + 10 * 60_000); // stream time far ahead: the first event's windows are closed
    run.send(0, 10, "p1", T + 5_000);       // replayed after a crash
    run.closeEverything();

    assertThat(run.late).isEmpty();
    assertThat(run.finalValues()).containsEntry("tumbling 12:00:00-12:01:00 p1", 1.0)
        .containsEntry("session 12:00:05-12:00:05 p1", 1.0);
  }

  /**
   * Events from two source partitions, interleaved as a shuffle delivers them, for every window
   * type at once. For each cut — state flushed after record {@code flushed}, the task crashing after
   * record {@code crashed}, the partitions' last commits at or before the flush — the restarted task
   * replays each partition from its commit, behind the other partition's newer records, and the
   * final rows must equal those of a run without a crash: nothing lost, nothing counted twice,
   * nothing both counted and late.
   */
  @Test
  void everyWindowTypeEndsExactWhereverTheCrashCutsAndWhateverIsReplayed() {
    List<Sent> events = randomEvents(48);
    Run clean = new Run();
    events.forEach(clean::send);
    clean.closeEverything();
    Map<String, Double> expected = clean.finalValues();
    assertThat(expected).hasSizeGreaterThan(40);

    int cuts = 0;
    for (int flushed = 0; flushed <= events.size(); flushed += 5) {
      for (int crashed = flushed; crashed <= Math.min(events.size(), flushed + 12); crashed += 4) {
        for (int commit0 = Math.max(0, flushed - 9); commit0 <= flushed; commit0 += 3) {
          int commit1 = Math.max(0, flushed - 4);
          Run crashing = new Run();
          for (int i = 0; i < crashed; i++) {
            crashing.send(events.get(i));
            if (i + 1 == flushed) {
              crashing.snapshot();
            }
          }
          if (flushed == 0) {
            crashing.snapshot();
          }
          Run restarted = crashing.restartFromSnapshot();
          for (int i = 0; i < events.size(); i++) {
            Sent event = events.get(i);
            int commit = event.source().partition() == 0 ? commit0 : commit1;
            if (i >= commit) {
              restarted.send(event); // each partition from its last commit, in offset order
            }
          }
          restarted.closeEverything();
          assertThat(restarted.finalValues()).as("flushed %d, crashed %d, commits %d/%d", flushed, crashed, commit0, commit1)
              .isEqualTo(expected);
          assertThat(restarted.late).as("late events").isEqualTo(clean.late);
          assertThat(restarted.lateRecords).as("late records, with the watermark and the windows they name")
              .isEqualTo(clean.lateRecords);
          cuts++;
        }
      }
    }
    assertThat(cuts).isGreaterThan(100);
    assertThat(clean.lateRecords).as("hopping events late for their older windows only")
        .anySatisfy(late -> assertThat(late.reason()).contains("hopping windows").contains("counted in the others"));
  }

  /**
   * A hopping event late for its older windows and on time for its youngest: replayed from before
   * the state that marks it, it is counted once and recorded late again for the same windows with
   * the same watermark (a duplicate late record is harmless); replayed after, it is skipped.
   */
  @Test
  void aHoppingEventLateForSomeOfItsWindowsIsCountedOnceAndRecordedLateAlikeWhereverTheCrashCuts() {
    List<Sent> events = List.of(new Sent(new SourcePosition(0, 10), "p1", T + 370_000), // 12:06:10
        new Sent(new SourcePosition(0, 11), "p1", T + 600_000),                        // watermark 12:08
        new Sent(new SourcePosition(0, 12), "p1", T + 450_000));                       // 12:07:30: 12:06-12:08 closed
    Run clean = new Run();
    events.forEach(clean::send);
    clean.closeEverything();
    assertThat(clean.lateRecords).filteredOn(late -> late.aggregation().equals("hopping")).singleElement()
        .satisfies(late -> assertThat(late.reason()).contains("1 of its 2 hopping windows is closed"));
    assertThat(clean.finalValues()).containsEntry("hopping 12:06:00-12:08:00 p1", 1.0)
        .containsEntry("hopping 12:07:00-12:09:00 p1", 1.0);

    for (int flushed = 2; flushed <= 3; flushed++) {
      Run crashing = new Run();
      for (int i = 0; i < events.size(); i++) {
        crashing.send(events.get(i));
        if (i + 1 == flushed) {
          crashing.snapshot();
        }
      }
      Run restarted = crashing.restartFromSnapshot();
      events.forEach(restarted::send); // everything again: the partition's last commit was before them all
      restarted.closeEverything();
      assertThat(restarted.finalValues()).as("flushed %d", flushed).isEqualTo(clean.finalValues());
      assertThat(restarted.lateRecords).as("flushed %d", flushed).isEqualTo(clean.lateRecords);
    }
  }

  private static List<Sent> randomEvents(int count) {
    Random random = new Random(7);
    List<Sent> events = new ArrayList<>();
    long newest = T;
    long[] offsets = new long[2];
    for (int i = 0; i < count; i++) {
      newest += random.nextInt(40_000);
      long time = random.nextInt(10) == 0 ? newest - 200_000 : newest - random.nextInt(100_000); // some late
      int partition = random.nextInt(2);
      events.add(new Sent(new SourcePosition(partition, offsets[partition]++), "p" + random.nextInt(2), time));
    }
    return events;
  }

  private record Sent(SourcePosition source, String entity, long time) {}

  /** The entity dimension's processor on plain in-memory stores, with every row and late record it sent. */
  private static final class Run {

    final MockProcessorContext<String, Emission> context = new MockProcessorContext<>();
    final List<WindowResult> rows = new ArrayList<>();
    final Set<String> late = new HashSet<>();
    final Set<LateEvent> lateRecords = new HashSet<>();
    final KeyValueStore<String, GroupState> groups;
    final KeyValueStore<String, Long> clocks;
    final DimensionAggregator processor;
    private List<KeyValue<String, GroupState>> savedGroups;
    private List<KeyValue<String, Long>> savedClocks;
    private long wallClock = 1_000_000;

    Run() {
      this(List.of(), List.of(), List.of(), Set.of(), Set.of());
    }

    /** A task restarted on restored stores; rows and late records sent before the crash are kept downstream. */
    private Run(List<KeyValue<String, GroupState>> restoredGroups, List<KeyValue<String, Long>> restoredClocks,
        List<WindowResult> rowsBefore, Set<String> lateBefore, Set<LateEvent> lateRecordsBefore) {
      groups = MockStores.register(context, MockStores.store(ENTITIES.groupStore(), new GroupStateSerde()));
      clocks = MockStores.register(context, MockStores.store(ENTITIES.clockStore(), Serdes.Long()));
      restoredGroups.forEach(entry -> groups.put(entry.key, entry.value));
      restoredClocks.forEach(entry -> clocks.put(entry.key, entry.value));
      rows.addAll(rowsBefore);
      late.addAll(lateBefore);
      lateRecords.addAll(lateRecordsBefore);
      context.setCurrentSystemTimeMs(wallClock);
      processor = new DimensionAggregator(ENTITIES, TopologyFixture.EMIT_INTERVAL, TopologyFixture.IDLE_TIMEOUT);
      processor.init(context);
    }

    void send(int partition, long offset, String entity, long time) {
      send(new Sent(new SourcePosition(partition, offset), entity, time));
    }

    void send(Sent sent) {
      DimensionEvent event = new DimensionEvent(sent.source(), T, "e" + sent.source(), "click", "u1", "DE", "pro", null, 0);
      processor.process(new Record<>(sent.entity(), event, sent.time()));
      collect();
      if (sent.source().offset() % 3 == 0) {
        tick();
      }
    }

    void closeEverything() {
      tick();
      processor.process(new Record<>("zz", new DimensionEvent(new SourcePosition(5, 0), T, "end", "click", "u", "", "", null, 0),
          T + Duration.ofDays(1).toMillis()));
      collect();
      tick();
    }

    void snapshot() {
      savedGroups = MockStores.copy(groups);
      savedClocks = MockStores.copy(clocks);
    }

    Run restartFromSnapshot() {
      return new Run(savedGroups, savedClocks, rows, late, lateRecords);
    }

    /**
     * What ClickHouse shows: per window and group the highest revision, without retractions, and
     * without the provisional rows of session spans that a crash left behind inside a final session
     * (the sink retracts those: SupersededSessions, tested against ClickHouse in SupersededSessionsTest).
     */
    Map<String, Double> finalValues() {
      Map<String, WindowResult> latest = new HashMap<>();
      for (WindowResult row : rows) {
        latest.merge(row.aggregation() + " " + TopologyFixture.key(row), row, (a, b) -> a.revision() >= b.revision() ? a : b);
      }
      List<WindowResult> finalSessions = latest.values().stream()
          .filter(row -> row.aggregation().equals("session") && row.isFinal() && !row.retracted()).toList();
      latest.values().removeIf(row -> !row.isFinal() && finalSessions.stream().anyMatch(session ->
          session.groupKey().equals(row.groupKey()) && session.aggregation().equals(row.aggregation())
              && !session.windowStart().isAfter(row.windowStart()) && !session.windowEnd().isBefore(row.windowEnd())));
      Map<String, Double> values = new TreeMap<>();
      latest.forEach((key, row) -> {
        if (!row.retracted() && !row.groupKey().equals("zz")) {
          assertThat(row.isFinal()).as("%s is final", key).isTrue();
          values.put(key, row.value());
        }
      });
      return values;
    }

    private void tick() {
      wallClock += TopologyFixture.EMIT_INTERVAL.toMillis();
      context.setCurrentSystemTimeMs(wallClock);
      context.scheduledPunctuators().getFirst().getPunctuator().punctuate(wallClock);
      collect();
    }

    private void collect() {
      for (var forward : context.forwarded()) {
        Emission emission = forward.record().value();
        if (emission.isLate()) {
          LateEvent event = emission.late();
          late.add(event.aggregation() + " " + event.eventId());
          lateRecords.add(event);
        } else {
          rows.add(emission.row());
        }
      }
      context.resetForwards();
    }
  }

  private static FixedKeyRecord<String, SourcedEvent> visit(int partition, long offset, long time) {
    Event event = new Event("e" + offset, "click", "anna", "product-1", null, java.time.Instant.ofEpochMilli(time), Map.of());
    SourcedEvent sourced = new SourcedEvent(new EnrichedEvent(event, "DE", "pro", T0), new SourcePosition(partition, offset));
    return FixedKeyHarness.record("anna", sourced, time);
  }

  private static FixedKeyRecord<String, ParsedEvent> parsed(String eventId, int partition, long offset) {
    Event event = new Event(eventId, "click", "u-1", "product-1", null, T0, Map.of());
    return FixedKeyHarness.record("u-1", ParsedEvent.valid(event, T, new SourcePosition(partition, offset), new byte[0]), T);
  }
}
