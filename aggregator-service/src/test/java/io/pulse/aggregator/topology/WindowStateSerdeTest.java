package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.Measure;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowStateSerdeTest {

  private final WindowAccumulatorSerde accumulators = new WindowAccumulatorSerde();
  private final OpenWindowSerde windows = new OpenWindowSerde();

  @Test
  void accumulatorsRoundTripWithTheirDistinctUsers() {
    WindowAccumulator acc = new WindowAccumulator(42, 17.25, DistinctUsers.of(List.of("u-1", "u-2", "ü-3")), 43,
        1_795_000_000_123L);

    WindowAccumulator read = accumulators.deserializer().deserialize("t", accumulators.serializer().serialize("t", acc));
    assertThat(read).isEqualTo(acc);
    assertThat(read.users().size()).isEqualTo(3);
    assertThat(accumulators.deserializer().deserialize("t", accumulators.serializer().serialize("t", WindowAccumulator.EMPTY)))
        .isEqualTo(WindowAccumulator.EMPTY);
  }

  @Test
  void openWindowsRoundTripWithTheirFlags() {
    OpenWindow window = new OpenWindow("clicks|product-7|DE|pro", 60_000, 120_000,
        new WindowAccumulator(3, 3, DistinctUsers.NONE, 3, 99), true, false).markRemoved();

    assertThat(windows.deserializer().deserialize("t", windows.serializer().serialize("t", window))).isEqualTo(window);
  }

  @Test
  void accumulatorsRoundTripWithTheOffsetsTheyCount() {
    WindowAccumulator acc = WindowAccumulator.EMPTY
        .add(ReplayedEventsTest.order("a", "u-1", 2.0, 3, 77), Measure.SUM)
        .add(ReplayedEventsTest.order("b", "u-1", 2.0, 0, 5), Measure.SUM);

    WindowAccumulator read = accumulators.deserializer().deserialize("t", accumulators.serializer().serialize("t", acc));

    assertThat(read).isEqualTo(acc);
    assertThat(read.counted().includes(new SourcePosition(3, 77))).isTrue();
    assertThat(read.counted().includes(new SourcePosition(3, 78))).isFalse();
  }

  /** Binary values from before source positions were recorded end after the users. */
  @Test
  void accumulatorsWrittenBeforeSourcePositionsAreRestoredCountingNone() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);           // format
      out.writeLong(4);           // count
      out.writeDouble(10.5);      // sum
      out.writeLong(6);           // revision
      out.writeLong(1_234);       // lastReceivedMs
      out.writeInt(0);            // no users
    }

    WindowAccumulator read = accumulators.deserializer().deserialize("t", bytes.toByteArray());

    assertThat(read).isEqualTo(new WindowAccumulator(4, 10.5, DistinctUsers.NONE, 6, 1_234, SourceOffsets.NONE));
  }

  /** What versions before the binary format wrote: JSON, with the users as ids. */
  @Test
  void stateWrittenAsJsonBeforeTheBinaryFormatIsStillRestored() {
    String json = """
        {"key":"k","start":1,"end":2,"acc":{"count":2,"sum":0.0,"users":["u","v"],"revision":2,"lastReceivedMs":5},\
        "emitted":false,"removed":false}""";

    OpenWindow read = windows.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

    assertThat(read).isEqualTo(new OpenWindow("k", 1, 2,
        new WindowAccumulator(2, 0, DistinctUsers.of(List.of("v", "u")), 2, 5), false, false));
  }
}
