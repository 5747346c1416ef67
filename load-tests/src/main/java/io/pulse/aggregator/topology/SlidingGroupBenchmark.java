package io.pulse.aggregator.topology;

import io.pulse.aggregator.events.SourcePosition;
import io.pulse.aggregator.topology.Slot.Contribution;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a per-user sliding window's group costs at each commit (its whole state written) and at each
 * window it emits (the window's slots summed), as the soak holds it: a slot per event time of two
 * window sizes and a grace, ~400 at 0.6 views per user per second. {@code groups} 1 keeps the group
 * in the CPU's cache; 5000 (the bench's users) visits them in turn, as a commit does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class SlidingGroupBenchmark {

  private static final long SIZE = 300_000;

  @Param({"1", "5000"})
  int groups;

  @Param({"400"})
  int slots;

  private final Sliding sliding = new Sliding(SIZE);
  private final Serializer<GroupState> serializer = new GroupStateSerde().serializer();
  private GroupState[] states;
  private int next;

  @Setup
  public void fill() {
    SplittableRandom random = new SplittableRandom(1);
    states = new GroupState[groups];
    for (int i = 0; i < groups; i++) {
      states[i] = new GroupState();
      states[i].processed.add(new SourcePosition(0, i));
    }
    long start = 1_800_000_000_000L;
    long spacing = (2 * SIZE + 60_000) / slots; // two window sizes and a grace of event times
    for (int s = 0; s < slots; s++) { // interleaved, as events of many users arrive
      for (GroupState state : states) {
        long time = start + s * spacing + random.nextLong(spacing);
        sliding.add(state, new Contribution(time, null, time + random.nextInt(5, 40)), merged -> { });
      }
    }
  }

  @Benchmark
  public byte[] writeState() {
    return serializer.serialize("changelog", nextGroup());
  }

  /** The value of the group's newest window: the slots of the window size before its last event. */
  @Benchmark
  public long sumNewestWindow() {
    GroupState state = nextGroup();
    long end = state.slots.get(state.slots.size() - 1).start;
    return sliding.value(state, end - SIZE, end).count;
  }

  private GroupState nextGroup() {
    next = next + 1 == groups ? 0 : next + 1;
    return states[next];
  }
}
