package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.topic.JsonSerde;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowStateSerdeTest {

  private final WindowAccumulatorSerde accumulators = new WindowAccumulatorSerde();
  private final OpenWindowSerde windows = new OpenWindowSerde();

  @Test
  void accumulatorsRoundTripWithTheirDistinctUsers() {
    WindowAccumulator acc = new WindowAccumulator(42, 17.25, Set.of("u-1", "u-2", "ü-3"), 43, 1_795_000_000_123L);

    assertThat(accumulators.deserializer().deserialize("t", accumulators.serializer().serialize("t", acc))).isEqualTo(acc);
    assertThat(accumulators.deserializer().deserialize("t", accumulators.serializer().serialize("t", WindowAccumulator.EMPTY)))
        .isEqualTo(WindowAccumulator.EMPTY);
  }

  @Test
  void openWindowsRoundTripWithTheirFlags() {
    OpenWindow window = new OpenWindow("clicks|product-7|DE|pro", 60_000, 120_000,
        new WindowAccumulator(3, 3, Set.of(), 3, 99), true, false).markRemoved();

    assertThat(windows.deserializer().deserialize("t", windows.serializer().serialize("t", window))).isEqualTo(window);
  }

  @Test
  void stateWrittenAsJsonBeforeTheBinaryFormatIsStillRestored() {
    OpenWindow window = new OpenWindow("k", 1, 2, new WindowAccumulator(1, 0, Set.of("u"), 1, 5), false, false);
    byte[] json = new JsonSerde<>(OpenWindow.class).serializer().serialize("t", window);

    assertThat(windows.deserializer().deserialize("t", json)).isEqualTo(window);
  }
}
