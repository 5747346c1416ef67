package io.pulse.contracts.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stated error bounds hold against exact answers on skewed data, also after merging and a round trip. */
class SketchAccuracyTest {

  private static final double[] PERCENTILES = {1, 10, 50, 90, 95, 99, 99.9};

  @Test
  void percentilesOfSkewedValuesAreWithinTheRelativeErrorOfTheExactOnes() {
    // Log-normal with sigma 2 (values from ~0.001 to ~10,000) and a heavy tail: how latencies and order values look.
    SplittableRandom random = new SplittableRandom(42);
    double[] values = new double[200_000];
    ValueQuantiles first = ValueQuantiles.empty();
    ValueQuantiles second = ValueQuantiles.empty();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 2);
      (i % 3 == 0 ? first : second).add(values[i]);
    }
    // Two windows' sketches, one through its stored form: their merge answers for all the values.
    ValueQuantiles merged = ValueQuantiles.fromBase64(first.toBase64());
    merged.merge(ValueQuantiles.fromBase64(second.toBase64()));
    Arrays.sort(values);

    assertThat(merged.count()).isEqualTo(values.length);
    for (double p : PERCENTILES) {
      double exact = values[(int) Math.floor(p / 100 * (values.length - 1))];
      assertThat(merged.percentile(p)).as("p%s", p).isCloseTo(exact, within(exact * ValueQuantiles.RELATIVE_ERROR));
    }
    assertThat(merged.toBase64().length()).as("stored size, not growing with the values").isLessThan(8_000);
  }

  @Test
  void anEmptySketchAnswersZeroLikeTheOtherValueMeasures() {
    assertThat(ValueQuantiles.fromBase64("").percentile(95)).isZero();
  }

  @Test
  void distinctUsersAreExactWhileFewAndWithinTheBoundForAMillion() {
    ApproxDistinct few = ApproxDistinct.empty();
    for (long user = 0; user < 100; user++) {
      few.add(hash("user-" + user));
      few.add(hash("user-" + user)); // a user seen twice counts once
    }
    assertThat(few.estimate()).isEqualTo(100);

    // A million users over two windows that share half of them: the union counts each once.
    ApproxDistinct morning = ApproxDistinct.empty();
    ApproxDistinct evening = ApproxDistinct.empty();
    for (long user = 0; user < 1_000_000; user++) {
      if (user < 750_000) {
        morning.add(hash("user-" + user));
      }
      if (user >= 250_000) {
        evening.add(hash("user-" + user));
      }
    }
    ApproxDistinct day = ApproxDistinct.fromBase64(morning.toBase64());
    day.merge(ApproxDistinct.fromBase64(evening.toBase64()));

    assertThat((double) morning.estimate()).isCloseTo(750_000, within(750_000 * ApproxDistinct.RELATIVE_ERROR));
    assertThat((double) day.estimate()).isCloseTo(1_000_000, within(1_000_000 * ApproxDistinct.RELATIVE_ERROR));
    assertThat(day.toBase64().length()).as("stored size, not growing with the users").isLessThan(8_000);
  }

  private static long hash(String userId) {
    return UserHash.of(userId);
  }
}
