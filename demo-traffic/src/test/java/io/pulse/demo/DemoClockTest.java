package io.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoClockTest {

  private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
  private static final long T0 = START.toEpochMilli();
  private static final long LIVE = T0 + 60_000;

  private final DemoClock clock = new DemoClock(START, Duration.ofMinutes(45), Duration.ofSeconds(60), 200);

  @Test
  void replaysTheHistoryInTheCatchUpTimeThenFollowsTheWallClock() {
    assertThat(clock.start()).isEqualTo(Instant.ofEpochMilli(LIVE).minus(Duration.ofMinutes(45)));
    assertThat(clock.eventTime(T0)).isEqualTo(clock.start().toEpochMilli());
    assertThat(clock.live(LIVE - 1)).isFalse();
    assertThat(clock.eventTime(LIVE - 1)).isBetween(LIVE - 1_000, LIVE);
    assertThat(clock.eventTime(LIVE + 600_000)).isEqualTo(LIVE + 600_000);
    assertThat(clock.wallRate(LIVE)).isEqualTo(200);
  }

  @Test
  void historyIsAQuietMorningRampingUpToTheLiveRateSoTheWindowsBeforeNowDoNotJump() {
    assertThat(clock.density(LIVE)).isCloseTo(200, within(0.01));
    assertThat(clock.density(LIVE - 30 * 60_000)).isCloseTo(200 * DemoClock.QUIET_SHARE, within(0.1));
    assertThat(clock.density(LIVE - 60_000) / clock.density(LIVE - 120_000)).as("minute over minute").isLessThan(2.5);
    // 45 minutes: 54 s of the live rate in the quiet part plus ~88 s of it up the ramp, replayed at a steady rate.
    assertThat(clock.historyEvents(LIVE)).isCloseTo(200 * (0.02 * 2700 + 0.98 * 90), within(1.0));
    assertThat(clock.wallRate(T0)).isCloseTo(clock.historyEvents(LIVE) / 60, within(0.01));
  }

  @Test
  void replayedEventTimeRunsFastThroughTheQuietPartAndSlowlyUpTheRamp() {
    long early = clock.eventTime(T0 + 10_000) - clock.eventTime(T0);
    long late = clock.eventTime(LIVE - 1_000) - clock.eventTime(LIVE - 11_000);
    assertThat(early).as("event time in the first 10 s of replay").isGreaterThan(15 * 60_000);
    assertThat(late).as("event time in the last 10 s of replay").isLessThan(60_000);
    for (long wall = T0; wall < LIVE; wall += 100) {
      assertThat(clock.eventTime(wall + 100)).isGreaterThanOrEqualTo(clock.eventTime(wall));
    }
  }

  @Test
  void withoutHistoryItIsTheWallClockFromTheStart() {
    DemoClock live = new DemoClock(START, Duration.ZERO, Duration.ofSeconds(60), 200);
    assertThat(live.live(T0)).isTrue();
    assertThat(live.eventTime(T0 + 1234)).isEqualTo(T0 + 1234);
    assertThat(live.wallRate(T0)).isEqualTo(200);
  }
}
