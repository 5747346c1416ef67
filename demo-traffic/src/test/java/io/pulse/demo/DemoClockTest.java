package io.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoClockTest {

  private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
  private static final long T0 = START.toEpochMilli();

  @Test
  void replaysTheHistoryFastThenFollowsTheWallClock() {
    DemoClock clock = new DemoClock(START, Duration.ofMinutes(45), Duration.ofSeconds(60));
    assertThat(clock.start()).isEqualTo(START.minus(Duration.ofMinutes(45)));
    assertThat(clock.eventTime(T0)).isEqualTo(clock.start().toEpochMilli());
    assertThat(clock.speed(T0)).isEqualTo(46.0);   // 46 minutes of event time in one minute
    assertThat(clock.eventTime(T0 + 30_000)).isEqualTo(T0 - 45 * 60_000 + 23 * 60_000);
    assertThat(clock.live(T0 + 59_999)).isFalse();
    assertThat(clock.eventTime(T0 + 60_000)).isEqualTo(T0 + 60_000);
    assertThat(clock.eventTime(T0 + 600_000)).isEqualTo(T0 + 600_000);
    assertThat(clock.speed(T0 + 600_000)).isEqualTo(1.0);
  }

  @Test
  void withoutHistoryItIsTheWallClockFromTheStart() {
    DemoClock clock = new DemoClock(START, Duration.ZERO, Duration.ofSeconds(60));
    assertThat(clock.live(T0)).isTrue();
    assertThat(clock.eventTime(T0 + 1234)).isEqualTo(T0 + 1234);
  }
}
