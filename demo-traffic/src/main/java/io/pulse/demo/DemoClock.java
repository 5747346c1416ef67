package io.pulse.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * Event time of the demo. A run starts {@code history} in the past and replays it, compressed, over
 * {@code catchUp} of wall time; from then on event time is the wall clock. Replaying history first is what lets a
 * fresh page show closed windows of every kind at once: a 1-minute window with 5 minutes of grace, or a
 * 30-minute-gap session, only turns final once event time has moved well past it.
 */
final class DemoClock {

  private final long startWall;
  private final long startEvent;
  private final long catchUpMillis;
  private final double speed;

  DemoClock(Instant startWall, Duration history, Duration catchUp) {
    this.startWall = startWall.toEpochMilli();
    this.startEvent = this.startWall - history.toMillis();
    this.catchUpMillis = history.isZero() ? 0 : catchUp.toMillis();
    this.speed = catchUpMillis == 0 ? 1 : (double) (history.toMillis() + catchUpMillis) / catchUpMillis;
  }

  /** Event time at wall time {@code wallMillis}: fast through the history, then equal to the wall clock. */
  long eventTime(long wallMillis) {
    long elapsed = Math.max(0, wallMillis - startWall);
    return elapsed >= catchUpMillis ? wallMillis : startEvent + Math.round(elapsed * speed);
  }

  /** How many event-time milliseconds pass per wall millisecond at {@code wallMillis}. */
  double speed(long wallMillis) {
    return wallMillis - startWall >= catchUpMillis ? 1 : speed;
  }

  boolean live(long wallMillis) {
    return wallMillis - startWall >= catchUpMillis;
  }

  /** The first event time of the run. */
  Instant start() {
    return Instant.ofEpochMilli(startEvent);
  }
}
