package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.tumbling;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.LateEvent;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * What at-least-once processing replays after a crash — the records after the last commit, at
 * the offsets they had — meets state that may already hold their effect. The topology test driver
 * cannot replay an offset, so the processors run here on stores they are handed.
 */
class ReplayAfterCrashTest {

  private static final long T = T0.toEpochMilli();

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
  void aLateVerdictForAnEventItsWindowAlreadyCountsIsDropped() {
    AggregationDefinition clicks = aggregation("clicks", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30),
        Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "click");
    FixedKeyHarness<String, GateResult> harness = new FixedKeyHarness<>();
    TimestampedWindowStore<String, WindowAccumulator> windows = harness.register(Stores.timestampedWindowStoreBuilder(
        Stores.inMemoryWindowStore(Windowing.storeName(clicks), Duration.ofHours(2), Duration.ofMinutes(1), false),
        Serdes.String(), new WindowAccumulatorSerde()).withLoggingDisabled().build());
    String key = "product-1";
    // the window [T, T+1m) counts partition 0 up to offset 10; the next window counts nothing of it
    WindowAccumulator counted = WindowAccumulator.EMPTY.add(ReplayedEventsTest.order("a", "u", 1, 0, 10), Measure.COUNT);
    windows.put(key, ValueAndTimestamp.make(counted, T), T);
    DropCountedReplays drop = new DropCountedReplays(clicks);
    drop.init(harness.context);

    drop.process(late(key, T + 5_000, 0, 7));       // counted before the crash: not late as well
    drop.process(late(key, T + 59_999, 0, 10));     // the window's last millisecond, counted
    drop.process(late(key, T + 5_000, 0, 11));      // after the window's mark: really late
    drop.process(late(key, T + 5_000, 1, 2));       // another partition: really late
    drop.process(late(key, T + 60_000, 0, 7));      // the next window, which does not count it
    drop.process(late("product-2", T + 5_000, 0, 7));

    assertThat(harness.forwarded).extracting(record -> record.value().event().source())
        .containsExactly(new SourcePosition(0, 11), new SourcePosition(1, 2), new SourcePosition(0, 7), new SourcePosition(0, 7));
  }

  private static FixedKeyRecord<String, ParsedEvent> parsed(String eventId, int partition,
      long offset) {
    Event event = new Event(eventId, "click", "u-1", "product-1", null, T0, Map.of());
    return FixedKeyHarness.record("u-1", ParsedEvent.valid(event, T, new SourcePosition(partition, offset), new byte[0]), T);
  }

  private static FixedKeyRecord<String, GateResult> late(String key, long time,
      int partition, long offset) {
    SourcedEvent event = new SourcedEvent(ReplayedEventsTest.order("e", "u", 1, 0, 0).event(), new SourcePosition(partition, offset));
    LateEvent late = new LateEvent("clicks", "e", Instant.ofEpochMilli(time), Instant.ofEpochMilli(time), "late");
    return FixedKeyHarness.record(key, new GateResult(event, late), time);
  }
}
