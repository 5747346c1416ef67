package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.aggregator.topology.Slot.Contribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sliding windows find what closes by binary search; these check it against a scan of every window. */
class SlidingTest {

  private static final long SIZE = 300_000;
  private final Sliding sliding = new Sliding(SIZE);

  @Test
  void theWindowsClosingBetweenTwoWatermarksAndTheNextCloseAreThoseAScanOfEveryWindowFinds() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      GroupState group = groupOfRandomTimes(random);
      long after = random.nextInt(5) == 0 ? Slot.NONE : aroundAClose(group, random);
      long through = Math.max(after == Slot.NONE ? 0 : after, aroundAClose(group, random));

      List<Long> expected = new ArrayList<>();
      long next = Long.MAX_VALUE;
      for (Slot slot : group.slots) {
        long closesAt = sliding.closesAt(slot.start - SIZE, slot.start);
        if (closesAt > after && closesAt <= through) {
          expected.add(slot.start);
        }
        if (closesAt > after) {
          next = Math.min(next, closesAt);
        }
      }
      List<Long> closing = new ArrayList<>();
      sliding.windowsClosing(group, after, through, (start, end) -> {
        assertThat(end - start).isEqualTo(SIZE);
        closing.add(end);
      });

      assertThat(closing).as("after %s through %s", after, through).isEqualTo(expected);
      assertThat(sliding.nextClose(group, after)).isEqualTo(next);
    }
  }

  @Test
  void pruningDropsExactlyTheSlotsNoWindowClosingAfterTheHorizonNeeds() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      GroupState group = groupOfRandomTimes(random);
      long horizon = group.slots.isEmpty() || random.nextBoolean() ? random.nextLong(0, 4 * SIZE)
          : group.slots.get(random.nextInt(group.slots.size())).start + 2 * SIZE + random.nextInt(3); // at the boundary
      List<Long> kept = group.slots.stream().map(slot -> slot.start).filter(start -> start + 2 * SIZE + 1 > horizon).toList();

      sliding.prune(group, horizon);

      assertThat(group.slots).extracting(slot -> slot.start).isEqualTo(kept);
    }
  }

  /** A watermark at, just before or just after one of the group's windows closes, or anywhere. */
  private long aroundAClose(GroupState group, Random random) {
    if (group.slots.isEmpty() || random.nextInt(4) == 0) {
      return random.nextLong(0, 4 * SIZE);
    }
    long end = group.slots.get(random.nextInt(group.slots.size())).start;
    return sliding.closesAt(end - SIZE, end) + random.nextInt(3) - 1;
  }

  private GroupState groupOfRandomTimes(Random random) {
    GroupState group = new GroupState();
    for (int i = random.nextInt(40); i > 0; i--) {
      long time = random.nextLong(0, 3 * SIZE);
      sliding.add(group, new Contribution(time, null, time), merged -> { });
    }
    return group;
  }
}
