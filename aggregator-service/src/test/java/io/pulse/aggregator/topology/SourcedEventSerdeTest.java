package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.serde.EnrichedEventSerde;
import io.pulse.contracts.topic.JsonSerde;
import io.pulse.contracts.event.EnrichedEvent;
import org.junit.jupiter.api.Test;

class SourcedEventSerdeTest {

  private final SourcedEventSerde serde = new SourcedEventSerde();

  @Test
  void eventsRoundTripWithTheirSourcePosition() {
    SourcedEvent event = ReplayedEventsTest.order("o-9", "u-ü", 3.25, 11, 9_876_543_210L);

    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", event))).isEqualTo(event);
  }

  /** Repartition records an earlier version left behind are drained, counted as new events. */
  @Test
  void recordsWrittenBeforeSourcePositionsAreReadWithAnUnknownPosition() {
    EnrichedEvent event = ReplayedEventsTest.order("o-1", "u-1", 1.0, 0, 0).event();
    byte[] binary = new EnrichedEventSerde().serializer().serialize("t", event);
    byte[] json = new JsonSerde<>(EnrichedEvent.class).serializer().serialize("t", event);

    assertThat(serde.deserializer().deserialize("t", binary)).isEqualTo(new SourcedEvent(event, SourcePosition.UNKNOWN));
    assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(new SourcedEvent(event, SourcePosition.UNKNOWN));
  }
}
