package io.pulse.loadtest.jmh;

import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.UserHash;
import io.pulse.contracts.sketch.ValueQuantiles;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * What one event costs a window's sketch, by how much the window holds already: a sketched measure's
 * per-event cost must not grow with its window (an exact set of a million users did). Also the stored
 * form, which leaves with every row of the window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class SketchBenchmark {

  private static final int MASK = (1 << 16) - 1;

  /** Users (and values) the window holds before the measured events. */
  @Param({"1000", "1000000"})
  int held;

  private ApproxDistinct users;
  private ValueQuantiles values;
  private final long[] newUsers = new long[MASK + 1];
  private final double[] newValues = new double[MASK + 1];
  private int next;

  @Setup
  public void fill() {
    users = ApproxDistinct.empty();
    values = ValueQuantiles.empty();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < held; i++) {
      users.add(UserHash.of("user-" + i));
      values.add(Math.exp(random.nextGaussian() * 2));
    }
    for (int i = 0; i <= MASK; i++) {
      newUsers[i] = UserHash.of("new-user-" + i);
      newValues[i] = Math.exp(random.nextGaussian() * 2);
    }
  }

  @Benchmark
  public void addUser() {
    users.add(newUsers[next++ & MASK]);
  }

  @Benchmark
  public void addValue() {
    values.add(newValues[next++ & MASK]);
  }

  @Benchmark
  public String storeUsers() {
    return users.toBase64();
  }

  @Benchmark
  public String storeValues() {
    return values.toBase64();
  }
}
