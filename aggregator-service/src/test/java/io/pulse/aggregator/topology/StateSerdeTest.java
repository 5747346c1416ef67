package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pulse.aggregator.events.SourcePosition;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary forms of the aggregator's internal records: group states (stores, changelogs) and shuffled events. */
class StateSerdeTest {

  private final GroupStateSerde states = new GroupStateSerde();
  private final DimensionEventSerde events = new DimensionEventSerde();

  @Test
  void aGroupStateRoundTripsWithItsSlotsUsersMarksAndEmittedSpans() {
    GroupState state = new GroupState();
    state.revision = 17;
    state.finalizedThrough = 1_000;
    state.lastClosed = 900;
    state.processed.add(new SourcePosition(2, 41));
    state.processed.add(new SourcePosition(0, 7));
    Slot first = state.slot(60_000, 120_000);
    first.add(new Slot.Contribution(60_500, 2.5, 123, DistinctUsers.hash("anna"), false));
    first.add(new Slot.Contribution(61_000, null, 456, DistinctUsers.hash("bob"), false));
    first.add(new Slot.Contribution(61_500, null, 789, null, true));
    first.emitted(60_000, 61_000);
    state.slot(0, 60_000).add(new Slot.Contribution(1, 1.0, 5));

    GroupState read = states.deserializer().deserialize("t", states.serializer().serialize("t", state));

    assertThat(read.revision).isEqualTo(17);
    assertThat(read.finalizedThrough).isEqualTo(1_000);
    assertThat(read.lastClosed).isEqualTo(900);
    assertThat(read.processed).isEqualTo(state.processed);
    assertThat(read.slots).hasSize(2);
    assertThat(read.slots).usingRecursiveFieldByFieldElementComparator().isEqualTo(state.slots);
    assertThat(read.slots.get(1).value(definition(Measure.DISTINCT_USERS))).as("two in the set, one first visit").isEqualTo(3);
    assertThat(read.slots.get(1).sum()).isEqualTo(2.5);
  }

  @Test
  void aSlidingGroupOfManyEventTimesIsWrittenInAFewBytesPerSlot() {
    // A user's views of the last five minutes, one slot per event time: the whole group leaves at every commit.
    GroupState state = new GroupState();
    state.slot(0, 0); // an event at the epoch: starts are written as differences, so no time is special
    for (int i = 1; i <= 300; i++) {
      long time = 1_767_225_600_000L + i * 997L;
      state.slot(time, time).add(new Slot.Contribution(time, null, time + 40));
    }
    state.slots.get(7).lateCount(2);
    state.slots.get(9).emitted(state.slots.get(9).start - 60_000, state.slots.get(9).start);

    byte[] bytes = states.serializer().serialize("t", state);
    GroupState read = states.deserializer().deserialize("t", bytes);

    assertThat(bytes.length).as("bytes for 301 slots").isLessThan(301 * 8);
    assertThat(read.slots).usingRecursiveFieldByFieldElementComparator().isEqualTo(state.slots);
    assertThat(read.slots).as("a count's slots read back keep only a count's fields (a sliding group holds hundreds)")
        .filteredOn(slot -> slot != read.slots.get(7) && slot != read.slots.get(9)).allMatch(Slot::plain);
  }

  @Test
  void aSlotKeepsOnlyACountsFieldsUntilAValueAUserOrALateCountNeedsMore() {
    Slot count = new Slot(1_000, 1_000);
    count.add(new Slot.Contribution(1_000, null, 1_040));
    count.addAll(count);
    assertThat(count.plain()).isTrue();
    assertThat(count.count).isEqualTo(2);

    Slot valued = new Slot(1_000, 1_000);
    valued.add(new Slot.Contribution(1_000, 2.5, 1_040));
    Slot user = new Slot(1_000, 1_000);
    user.add(new Slot.Contribution(1_000, null, 1_040, DistinctUsers.hash("anna"), false));
    Slot late = new Slot(1_000, 1_000);
    late.lateCount(1);
    assertThat(List.of(valued, user, late)).noneMatch(Slot::plain);

    count.addAll(valued);
    assertThat(count.plain()).as("a total of slots with values").isFalse();
    assertThat(count.sum()).isEqualTo(2.5);
    assertThat(count.min()).isEqualTo(2.5);
  }

  @Test
  void sketchesRoundTripWithTheirSlot() {
    GroupState state = new GroupState();
    Slot slot = state.slot(0, 60_000);
    for (int i = 1; i <= 1_000; i++) {
      slot.add(new Slot.Contribution(i, (double) i, i, null, false, Measure.PERCENTILES));
      slot.add(new Slot.Contribution(i, null, i, DistinctUsers.hash("user-" + (i % 300)), false, Measure.APPROX_DISTINCT_USERS));
    }

    Slot read = states.deserializer().deserialize("t", states.serializer().serialize("t", state)).slots.getFirst();

    AggregationDefinition percentiles = definition(Measure.PERCENTILES);
    assertThat(read.value(percentiles)).isEqualTo(slot.value(percentiles)).isCloseTo(500, within(5.0));
    assertThat(read.value(definition(Measure.APPROX_DISTINCT_USERS))).isEqualTo(300);
    assertThat(read.users().size()).as("a sketched measure keeps no exact set").isZero();
    assertThat(read.sketch()).isEqualTo(slot.sketch());
  }

  private static AggregationDefinition definition(Measure measure) {
    return new AggregationDefinition("a", Set.of(), "entityId", List.of(), measure,
        new AggregationDefinition.WindowSpec(WindowType.TUMBLING, Duration.ofMinutes(1), null, null), Duration.ZERO,
        EmitMode.UPDATES);
  }

  @Test
  void aDimensionEventRoundTripsWithItsPositionAndAnAbsentValue() {
    DimensionEvent event = new DimensionEvent(new SourcePosition(4, 99), 1234, "e-1", "order", "u-1", "DE", "pro", null, 0);
    DimensionEvent withValue = new DimensionEvent(new SourcePosition(0, 0), 1, "e-2", "order", "u-2", "unknown", "unknown", 9.5, 5);

    assertThat(events.deserializer().deserialize("t", events.serializer().serialize("t", event))).isEqualTo(event);
    assertThat(events.deserializer().deserialize("t", events.serializer().serialize("t", withValue))).isEqualTo(withValue);
  }

  @Test
  void stateOfAnotherFormatIsRefusedWithAHintInsteadOfMisread() {
    assertThatThrownBy(() -> states.deserializer().deserialize("groups", "{\"count\":1}".getBytes()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("reset the application");
  }
}
