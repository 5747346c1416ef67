package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.event.EnrichedEvent;
import io.pulse.contracts.event.Event;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At-least-once replays the records after the last commit; a window value must recognise an
 * event it already counts by the event's position in the events topic.
 */
class ReplayedEventsTest {

  private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void anEventReplayedAtTheSamePositionIsCountedOnce() {
    SourcedEvent order = order("o-1", "u-1", 12.5, 0, 41);

    WindowAccumulator once = WindowAccumulator.EMPTY.add(order, Measure.SUM);
    WindowAccumulator replayed = once.add(order, Measure.SUM);

    assertThat(replayed).isSameAs(once);
    assertThat(replayed.count()).isEqualTo(1);
    assertThat(replayed.sum()).isEqualTo(12.5);
    assertThat(replayed.revision()).as("no new revision for a replay").isEqualTo(1);
  }

  @Test
  void everyEventOfAPartitionUpToTheHighestCountedOffsetIsRecognised() {
    WindowAccumulator acc = WindowAccumulator.EMPTY
        .add(order("a", "u-1", 1.0, 0, 10), Measure.DISTINCT_USERS)
        .add(order("b", "u-2", 1.0, 0, 17), Measure.DISTINCT_USERS);

    assertThat(acc.add(order("a", "u-1", 1.0, 0, 10), Measure.DISTINCT_USERS)).isSameAs(acc);
    assertThat(acc.add(order("b", "u-2", 1.0, 0, 17), Measure.DISTINCT_USERS)).isSameAs(acc);
    assertThat(acc.users().size()).isEqualTo(2);
  }

  @Test
  void eventsOfOtherPartitionsOrLaterOffsetsAreNew() {
    WindowAccumulator acc = WindowAccumulator.EMPTY.add(order("a", "u-1", 1.0, 0, 100), Measure.COUNT);

    WindowAccumulator more = acc
        .add(order("b", "u-2", 1.0, 1, 3), Measure.COUNT)     // another partition, far lower offset
        .add(order("c", "u-3", 1.0, 0, 101), Measure.COUNT)   // the next offset of the same partition
        .add(order("d", "u-4", 1.0, 5, 0), Measure.COUNT);    // a partition never seen, offset 0

    assertThat(more.count()).isEqualTo(4);
    assertThat(more.add(order("b", "u-2", 1.0, 1, 3), Measure.COUNT)).isSameAs(more);
    assertThat(more.add(order("d", "u-4", 1.0, 5, 0), Measure.COUNT)).isSameAs(more);
  }

  @Test
  void eventsWithoutAPositionAreAlwaysCounted() {
    SourcedEvent legacy = new SourcedEvent(order("a", "u-1", 1.0, 0, 0).event(), SourcePosition.UNKNOWN);

    assertThat(WindowAccumulator.EMPTY.add(legacy, Measure.COUNT).add(legacy, Measure.COUNT).count()).isEqualTo(2);
  }

  @Test
  void aMergedSessionRecognisesTheEventsOfBothSessions() {
    WindowAccumulator left = WindowAccumulator.EMPTY.add(order("a", "u-1", 1.0, 0, 5), Measure.COUNT);
    WindowAccumulator right = WindowAccumulator.EMPTY.add(order("b", "u-1", 1.0, 2, 9), Measure.COUNT);

    WindowAccumulator merged = left.merge(right);

    assertThat(merged.add(order("a", "u-1", 1.0, 0, 5), Measure.COUNT)).isSameAs(merged);
    assertThat(merged.add(order("b", "u-1", 1.0, 2, 9), Measure.COUNT)).isSameAs(merged);
    assertThat(merged.add(order("c", "u-1", 1.0, 1, 0), Measure.COUNT).count()).isEqualTo(3);
  }

  static SourcedEvent order(String eventId, String userId, double value, int partition, long offset) {
    Event event = new Event(eventId, "order", userId, "product-1", value, T, Map.of());
    return new SourcedEvent(new EnrichedEvent(event, "DE", "pro", T), new SourcePosition(partition, offset));
  }
}
