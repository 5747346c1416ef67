package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.events.SourcePosition;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.LatePolicy;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A pre-aggregated dimension across two source partitions: each source task counts its own
 * partition and sends partials; the merger adds them up. The final rows must count every on-time
 * event once, whatever a crash of a source task or of the merger replays, and a window must not be
 * final before both partitions' watermarks passed it.
 */
class PreAggregationTest {

  private static final long T = T0.toEpochMilli();
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final List<AggregationDefinition> AGGREGATIONS = List.of(
      new AggregationDefinition("tumbling", Set.of(), "country", List.of(), Measure.COUNT,
          TopologyFixture.ofType(WindowType.TUMBLING, "country", EmitMode.UPDATES).window(), MINUTE, EmitMode.UPDATES),
      new AggregationDefinition("hopping", Set.of(), "country", List.of(), Measure.SUM,
          TopologyFixture.ofType(WindowType.HOPPING, "country", EmitMode.UPDATES).window(), MINUTE, EmitMode.UPDATES));
  private static final Dimension COUNTRIES = new Dimension("country", true, AGGREGATIONS);
  private static final Serde<Partial> PARTIALS = new PartialSerde();

  @Test
  void finalRowsCountEveryOnTimeEventOnceAndOnlyOnceBothPartitionsPassedTheWindow() {
    List<Sent> events = randomEvents(60);
    Run clean = new Run();
    events.forEach(clean::send);
    clean.closeEverything();

    Map<String, Double> finals = clean.finalValues();
    assertThat(finals).hasSizeGreaterThan(20);
    assertThat(clean.lateRecords).as("some events late").isNotEmpty();
    assertThat(finals).as("each window: the values of its events that were not recorded late for it")
        .isEqualTo(recount(events, clean.lateRecords));
  }

  @Test
  void aWindowIsFinalOnlyOnceTheSlowestPartitionsWatermarkPassedIt() {
    Run run = new Run();
    run.send(new Sent(new SourcePosition(0, 0), "DE", T + 10_000, 1));
    run.send(new Sent(new SourcePosition(1, 0), "DE", T + 20_000, 2));
    run.send(new Sent(new SourcePosition(0, 1), "DE", T + 600_000, 1)); // partition 0 far ahead
    run.tick();
    assertThat(run.rows).filteredOn(WindowResult::isFinal).as("partition 1 is still at 12:00:20").isEmpty();
    assertThat(run.rows).filteredOn(row -> row.aggregation().equals("tumbling") && row.windowStart().toEpochMilli() == T)
        .last().satisfies(row -> assertThat(row.value()).isEqualTo(2.0));

    run.send(new Sent(new SourcePosition(1, 1), "DE", T + 50_000, 2)); // still on time for 12:00-12:01 on partition 1
    run.send(new Sent(new SourcePosition(1, 2), "DE", T + 600_000, 2));
    run.tick();
    assertThat(run.rows).filteredOn(row -> row.isFinal() && row.aggregation().equals("tumbling")
            && row.windowStart().toEpochMilli() == T).singleElement()
        .satisfies(row -> assertThat(row.value()).as("both partitions' events").isEqualTo(3.0));
    assertThat(run.lateRecords).isEmpty();
  }

  @Test
  void aPartitionsClosingPartialWithoutNewEventsWritesNoRow() {
    Run run = new Run();
    run.send(new Sent(new SourcePosition(0, 0), "DE", T + 10_000, 1));
    run.send(new Sent(new SourcePosition(1, 0), "DE", T + 20_000, 2));
    run.tick();
    int rows = run.rows.size();
    assertThat(rows).as("a provisional row per window").isPositive();
    run.send(new Sent(new SourcePosition(0, 1), "DE", T + 600_000, 1)); // partition 0 closes 12:00-12:01, unchanged
    run.tick();
    assertThat(run.rows.subList(rows, run.rows.size()))
        .noneMatch(row -> row.aggregation().equals("tumbling") && row.windowStart().toEpochMilli() == T);
  }

  @Test
  void anIdlePartitionSendsItsWallClockWatermarkOncePerIdleTimeoutAndWindowsStillClose() {
    Run run = new Run();
    run.send(new Sent(new SourcePosition(0, 0), "DE", T + 10_000, 1));
    run.send(new Sent(new SourcePosition(1, 0), "FR", T + 20_000, 2));
    run.tick();
    int before = run.watermarks;
    int ticks = 800; // 200 s of wall clock without events
    for (int i = 0; i < ticks; i++) {
      run.tick();
    }
    assertThat(run.watermarks - before).as("two partitions, idle after 10 s, then one per 10 s each").isBetween(30, 50);
    assertThat(run.rows).filteredOn(WindowResult::isFinal).extracting(TopologyFixture::key)
        .contains("12:00:00-12:01:00 DE", "12:00:00-12:01:00 FR");
  }

  @Test
  void amendLetsOnePartitionsLateEventReopenAWindowTheMergerHadClosed() {
    Run run = new Run(lateDimension(LatePolicy.AMEND));
    WindowResult closed = closeTheFirstMinute(run);

    run.send(new Sent(new SourcePosition(1, 2), "DE", T + 30_000, 1)); // late for partition 1, within ten minutes
    run.tick();
    WindowResult amended = lastOfTheFirstMinute(run);
    assertThat(amended.isFinal()).isTrue();
    assertThat(amended.amended()).isTrue();
    assertThat(amended.count()).as("both partitions' on-time events and the late one").isEqualTo(3);
    assertThat(amended.revision()).isGreaterThan(closed.revision());
    assertThat(run.lateRecords).isEmpty();
  }

  @Test
  void sideCountsOnePartitionsLateEventBesideTheMergedValue() {
    Run run = new Run(lateDimension(LatePolicy.SIDE));
    WindowResult closed = closeTheFirstMinute(run);

    run.send(new Sent(new SourcePosition(1, 2), "DE", T + 30_000, 1));
    run.tick();
    WindowResult side = lastOfTheFirstMinute(run);
    assertThat(side.isFinal()).isTrue();
    assertThat(side.amended()).isFalse();
    assertThat(side.count()).as("the on-time value").isEqualTo(2);
    assertThat(side.lateCount()).isEqualTo(1);
    assertThat(side.revision()).isGreaterThan(closed.revision());
    assertThat(run.lateRecords).singleElement().satisfies(late -> assertThat(late.reason()).contains("late: side"));
  }

  private static Dimension lateDimension(LatePolicy late) {
    AggregationDefinition clicks = new AggregationDefinition("clicks", Set.of(), "country", List.of(), Measure.COUNT,
        TopologyFixture.ofType(WindowType.TUMBLING, "country", EmitMode.UPDATES).window(), Duration.ofSeconds(30),
        EmitMode.UPDATES, late, Duration.ofMinutes(10));
    return new Dimension("country", true, List.of(clicks));
  }

  /** One event per partition in 12:00-12:01, then both partitions past its close: its final row. */
  private static WindowResult closeTheFirstMinute(Run run) {
    run.send(new Sent(new SourcePosition(0, 0), "DE", T + 10_000, 1));
    run.send(new Sent(new SourcePosition(1, 0), "DE", T + 20_000, 1));
    run.send(new Sent(new SourcePosition(0, 1), "DE", T + 300_000, 1));
    run.send(new Sent(new SourcePosition(1, 1), "DE", T + 300_000, 1));
    run.tick();
    WindowResult closed = lastOfTheFirstMinute(run);
    assertThat(closed.isFinal()).isTrue();
    assertThat(closed.count()).isEqualTo(2);
    return closed;
  }

  private static WindowResult lastOfTheFirstMinute(Run run) {
    return run.rows.stream().filter(row -> row.windowStart().toEpochMilli() == T).reduce((first, second) -> second)
        .orElseThrow();
  }

  @Test
  void crashesOfSourceTasksAndOfTheMergerLeaveTheSameFinalRows() {
    List<Sent> events = randomEvents(60);
    Run clean = new Run();
    events.forEach(clean::send);
    clean.closeEverything();
    Map<String, Double> expected = clean.finalValues();

    int cuts = 0;
    for (int flushed = 0; flushed <= events.size(); flushed += 6) {
      for (int crashed = flushed; crashed <= Math.min(events.size(), flushed + 10); crashed += 5) {
        for (boolean merger : new boolean[] {false, true}) {
          Run run = new Run();
          for (int i = 0; i < crashed; i++) {
            if (i == flushed) {
              run.snapshot();
            }
            run.send(events.get(i));
          }
          if (crashed == flushed) {
            run.snapshot();
          }
          long[] committed = run.committedOffsets;
          if (merger) {
            run.restartMerger(); // replays every partial it read since its snapshot
          } else {
            run.restartSources();
          }
          for (Sent event : events) {
            long from = merger ? run.processedOffsets[event.source().partition()] : committed[event.source().partition()];
            if (event.source().offset() >= from) {
              run.send(event);
            }
          }
          run.closeEverything();
          assertThat(run.finalValues()).as("flushed %d, crashed %d, merger %s", flushed, crashed, merger).isEqualTo(expected);
          cuts++;
        }
      }
    }
    assertThat(cuts).isGreaterThan(30);
  }

  /** What the oracle counts: per window and country, the values of its events, less those recorded late for it. */
  private static Map<String, Double> recount(List<Sent> events, List<LateEvent> late) {
    Map<String, Long> lateWatermark = new HashMap<>();
    late.forEach(record -> lateWatermark.put(record.aggregation() + " " + record.eventId(), record.watermark().toEpochMilli()));
    Map<String, Double> values = new TreeMap<>();
    for (Sent event : events) {
      for (AggregationDefinition definition : AGGREGATIONS) {
        WindowKind kind = WindowKind.of(definition.window());
        long size = definition.window().size().toMillis();
        long advance = definition.window().type() == WindowType.HOPPING ? definition.window().advance().toMillis() : size;
        Long watermark = lateWatermark.get(definition.name() + " " + event.id());
        for (long start = event.time() - Math.floorMod(event.time(), advance); start + size > event.time(); start -= advance) {
          if (watermark != null && kind.closesAt(start, start + size) <= watermark) {
            continue;
          }
          double value = definition.measure() == Measure.COUNT ? 1 : event.value();
          values.merge(definition.name() + " " + span(start, start + size) + " " + event.country(), value,
              Double::sum);
        }
      }
    }
    return values;
  }

  private static String span(long start, long end) {
    return java.time.Instant.ofEpochMilli(start).toString().substring(11, 19) + "-"
        + java.time.Instant.ofEpochMilli(end).toString().substring(11, 19);
  }

  private static List<Sent> randomEvents(int count) {
    Random random = new Random(11);
    List<Sent> events = new ArrayList<>();
    long[] newest = {T, T};
    long[] offsets = new long[2];
    for (int i = 0; i < count; i++) {
      int partition = random.nextInt(2);
      newest[partition] += random.nextInt(30_000);
      long time = random.nextInt(8) == 0 ? newest[partition] - 200_000 : newest[partition] - random.nextInt(50_000);
      events.add(new Sent(new SourcePosition(partition, offsets[partition]++), random.nextBoolean() ? "DE" : "FR", time,
          1 + random.nextInt(5)));
    }
    return events;
  }

  private record Sent(SourcePosition source, String country, long time, double value) {
    String id() {
      return "e" + source.partition() + "-" + source.offset();
    }
  }

  /** Two source tasks and one merger on in-memory stores; partials travel serialized, in each partition's order. */
  private static final class Run {

    final Dimension dimension;

    final List<WindowResult> rows = new ArrayList<>();
    final List<LateEvent> lateRecords = new ArrayList<>();
    final Source[] sources;
    Merger merger;
    /** Per partition: the offset after the last event each source processed at the snapshot, and in all. */
    long[] committedOffsets = new long[2];
    final long[] processedOffsets = new long[2];
    private final List<Partial> partialsSinceSnapshot = new ArrayList<>();
    private List<Snapshot<GroupState>> savedSources;
    private Snapshot<MergedGroup> savedMerger;
    private long wallClock = 1_000_000;
    private int sent;
    int watermarks;

    Run() {
      this(COUNTRIES);
    }

    Run(Dimension dimension) {
      this.dimension = dimension;
      sources = new Source[] {new Source(0, Snapshot.empty()), new Source(1, Snapshot.empty())};
      merger = new Merger(Snapshot.empty());
    }

    void send(Sent event) {
      DimensionEvent slim = new DimensionEvent(event.source(), T, event.id(), "order", "u" + event.source().partition(),
          event.country(), "pro", event.value(), 0);
      sources[event.source().partition()].processor.process(new Record<>(event.country(), slim, event.time()));
      processedOffsets[event.source().partition()] = event.source().offset() + 1;
      deliver();
      if (++sent % 4 == 0) {
        tick();
      }
    }

    void tick() {
      wallClock += TopologyFixture.EMIT_INTERVAL.toMillis();
      for (Source source : sources) {
        source.context.setCurrentSystemTimeMs(wallClock);
        source.context.scheduledPunctuators().getFirst().getPunctuator().punctuate(wallClock);
      }
      merger.context.setCurrentSystemTimeMs(wallClock);
      deliver();
    }

    void closeEverything() {
      tick();
      for (int partition = 0; partition < 2; partition++) {
        send(new Sent(new SourcePosition(partition, 1_000_000), "ZZ", T + Duration.ofDays(1).toMillis(), 1));
      }
      tick();
      tick();
    }

    void snapshot() {
      savedSources = List.of(Snapshot.of(sources[0].groups, sources[0].clocks),
          Snapshot.of(sources[1].groups, sources[1].clocks));
      savedMerger = Snapshot.of(merger.groups, merger.times);
      committedOffsets = processedOffsets.clone();
      partialsSinceSnapshot.clear();
    }

    void restartSources() {
      for (int partition = 0; partition < 2; partition++) {
        sources[partition] = new Source(partition, savedSources.get(partition));
      }
    }

    void restartMerger() {
      merger = new Merger(savedMerger);
      List<Partial> replay = List.copyOf(partialsSinceSnapshot);
      replay.forEach(merger::process);
      collect();
    }

    Map<String, Double> finalValues() {
      Map<String, WindowResult> latest = new HashMap<>();
      for (WindowResult row : rows) {
        latest.merge(row.aggregation() + " " + TopologyFixture.key(row), row, (a, b) -> a.revision() >= b.revision() ? a : b);
      }
      Map<String, Double> values = new TreeMap<>();
      latest.forEach((key, row) -> {
        if (!row.groupKey().equals("ZZ")) {
          assertThat(row.isFinal()).as("%s is final", key).isTrue();
          values.put(key, row.value());
        }
      });
      return values;
    }

    private void deliver() {
      for (Source source : sources) {
        for (var forward : source.context.forwarded()) {
          Emission emission = forward.record().value();
          if (emission.isLate()) {
            lateRecords.add(emission.late());
          } else {
            // as the shuffle topic carries it: serialized, and a watermark to the merger's partition like every partial
            Partial partial = PARTIALS.deserializer().deserialize("t", PARTIALS.serializer().serialize("t", emission.partial()));
            partialsSinceSnapshot.add(partial);
            watermarks += partial instanceof Partial.Watermark ? 1 : 0;
            merger.process(partial);
          }
        }
        source.context.resetForwards();
      }
      collect();
    }

    private void collect() {
      for (var forward : merger.context.forwarded()) {
        rows.add(forward.record().value().row());
      }
      merger.context.resetForwards();
    }

    private final class Source {
      final MockProcessorContext<String, Emission> context;
      final KeyValueStore<String, GroupState> groups;
      final KeyValueStore<String, Long> clocks;
      final DimensionAggregator processor;

      Source(int partition, Snapshot<GroupState> restored) {
        context = new MockProcessorContext<>(new Properties(), new TaskId(1, partition), null);
        context.setCurrentSystemTimeMs(wallClock);
        groups = MockStores.register(context, MockStores.store(dimension.groupStore(), new GroupStateSerde()));
        clocks = MockStores.register(context, MockStores.store(dimension.clockStore(), Serdes.Long()));
        restored.restoreInto(groups, clocks);
        processor = new DimensionAggregator(dimension, TopologyFixture.EMIT_INTERVAL, TopologyFixture.IDLE_TIMEOUT);
        processor.init(context);
      }

    }

    private final class Merger {
      final MockProcessorContext<String, Emission> context = new MockProcessorContext<>();
      final KeyValueStore<String, MergedGroup> groups;
      final KeyValueStore<String, Long> times;
      final PartialMerger processor;

      Merger(Snapshot<MergedGroup> restored) {
        context.setCurrentSystemTimeMs(wallClock);
        groups = MockStores.register(context, MockStores.store(dimension.mergedStore(), new MergedGroupSerde()));
        times = MockStores.register(context, MockStores.store(dimension.sourceTimesStore(), Serdes.Long()));
        restored.restoreInto(groups, times);
        processor = new PartialMerger(dimension, 2, TopologyFixture.EMIT_INTERVAL);
        processor.init(context);
      }

      void process(Partial partial) {
        processor.process(new Record<>("k", partial, wallClock));
      }

    }
  }

  /** A task's two stores as a commit left them: its values and its clock or its source times. */
  private record Snapshot<V>(List<KeyValue<String, V>> values, List<KeyValue<String, Long>> times) {

    static <V> Snapshot<V> empty() {
      return new Snapshot<>(List.of(), List.of());
    }

    static <V> Snapshot<V> of(KeyValueStore<String, V> values, KeyValueStore<String, Long> times) {
      return new Snapshot<>(MockStores.copy(values), MockStores.copy(times));
    }

    void restoreInto(KeyValueStore<String, V> valueStore, KeyValueStore<String, Long> timeStore) {
      valueStore.putAll(values);
      timeStore.putAll(times);
    }
  }
}
