package io.pulse.aggregator.topology;

import static io.pulse.aggregator.topology.TopologyFixture.T0;
import static io.pulse.aggregator.topology.TopologyFixture.aggregation;
import static io.pulse.aggregator.topology.TopologyFixture.sliding;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowResult;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * A restarted task rebuilds the finalizer's memory from its open-windows store. A sliding window
 * whose provisional row was still waiting for stream time to reach its end must not be forgotten
 * there (its next row would otherwise be the final one, minutes later). The topology test driver
 * cannot restart a task with its stores, so the finalizer runs here on stores it is handed.
 */
class FinalizerRestartTest {

  private static final long START = T0.toEpochMilli();
  private static final long END = T0.plus(Duration.ofMinutes(5)).toEpochMilli();
  private static final String KEY = new GroupKey("p1", "", "", "").encode();

  private final AggregationDefinition views = aggregation("views", sliding(Duration.ofMinutes(5)), Duration.ofMinutes(1),
      Measure.COUNT, "entityId", List.of(), EmitMode.UPDATES, "view");
  private final MockProcessorContext<String, WindowResult> context = new MockProcessorContext<>();

  @Test
  void aSlidingWindowWhoseRowWasWaitingIsEmittedOnceStreamTimeReachesItsEndAfterARestart() {
    KeyValueStore<String, Long> clockStore = register(Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("views-stream-time"), Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
    KeyValueStore<String, OpenWindow> openStore = register(Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("views-open-windows"), Serdes.String(), new OpenWindowSerde()).withLoggingDisabled().build());
    TimestampedWindowStore<String, WindowAccumulator> windows = register(Stores.timestampedWindowStoreBuilder(
        Stores.inMemoryWindowStore(Windowing.storeName(views), Duration.ofHours(2), Duration.ofMinutes(5), false),
        Serdes.String(), new WindowAccumulatorSerde()).withLoggingDisabled().build());
    // what the crashed task left: a window known, never emitted, ending after stream time
    OpenWindow waiting = new OpenWindow(KEY, START, END, accumulator(1), false, false);
    openStore.put(waiting.id(), waiting);
    windows.put(KEY, ValueAndTimestamp.make(accumulator(3), START), START);
    StreamClock clock = new StreamClock(clockStore);
    clock.advanceTo(T0.plus(Duration.ofMinutes(4)).toEpochMilli());

    context.setCurrentSystemTimeMs(1_000_000);
    WindowFinalizer restarted = new WindowFinalizer(views, "views-stream-time", "views-open-windows",
        Duration.ofMillis(250), Duration.ofSeconds(10));
    restarted.init(context);
    assertThat(tick()).as("the window still ends after stream time").isEmpty();

    clock.advanceTo(END);
    assertThat(tick()).singleElement().satisfies(row -> {
      assertThat(row.windowEnd().toEpochMilli()).isEqualTo(END);
      assertThat(row.value()).as("read from the store").isEqualTo(3.0);
      assertThat(row.isFinal()).isFalse();
    });
  }

  private static WindowAccumulator accumulator(long count) {
    return new WindowAccumulator(count, 0, DistinctUsers.NONE, count, 0);
  }

  private List<WindowResult> tick() {
    context.resetForwards();
    context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + 250);
    context.scheduledPunctuators().getFirst().getPunctuator().punctuate(context.currentSystemTimeMs());
    return context.forwarded().stream().<WindowResult>map(forward -> forward.record().value()).toList();
  }

  private <S extends StateStore> S register(S store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }
}
