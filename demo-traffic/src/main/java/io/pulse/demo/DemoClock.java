package io.pulse.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * Event time of the demo and how much traffic each moment of it carries. A run starts {@code history} in the past
 * and replays it over {@code catchUp} of wall time; from then on event time is the wall clock and traffic is
 * {@code rate} events per second. Replaying history first is what lets a fresh page show closed windows of every
 * kind at once: a 1-minute window with 5 minutes of grace, or a 30-minute-gap session, only turns final once
 * event time has moved well past it.
 *
 * <p>History at the live rate would be too much to replay in a minute (45 minutes at 200 events/s are 540,000
 * events), so the shop's traffic in the past is a morning ramp: a quiet {@value #QUIET_SHARE} of the live rate,
 * rising to it over the last minutes before now ({@code rate × (quiet + (1 − quiet) e^(−age/τ))}, τ =
 * {@value #RAMP_SECONDS} s). The replay sends at a steady wall rate and lets event time run fast through the
 * quiet part and slowly up the ramp, so charts per window rise smoothly into the live ones instead of jumping.
 */
final class DemoClock {

  static final double QUIET_SHARE = 0.02;
  static final long RAMP_SECONDS = 90;

  private final long startWall;
  private final long liveWall;
  private final long startEvent;
  private final double rate;
  private final double replayRate;

  DemoClock(Instant startWall, Duration history, Duration catchUp, double rate) {
    this.startWall = startWall.toEpochMilli();
    this.liveWall = this.startWall + (history.isZero() ? 0 : catchUp.toMillis());
    this.startEvent = liveWall - history.toMillis();
    this.rate = rate;
    this.replayRate = liveWall == this.startWall ? rate : historyEvents(liveWall) * 1000.0 / (liveWall - this.startWall);
  }

  /** Event time at wall time {@code wallMillis}: through the history at a steady replay rate, then the wall clock. */
  long eventTime(long wallMillis) {
    if (wallMillis >= liveWall) {
      return wallMillis;
    }
    double wanted = replayRate * Math.max(0, wallMillis - startWall) / 1000.0;
    long low = startEvent;
    long high = liveWall;
    while (low < high) {   // historyEvents is increasing: the event time by which that many events happened
      long mid = (low + high) >>> 1;
      if (historyEvents(mid) < wanted) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Events per second of wall time to send at {@code wallMillis}. */
  double wallRate(long wallMillis) {
    return wallMillis >= liveWall ? rate : replayRate;
  }

  /** Events per second of event time at event time {@code eventMillis}: the traffic curve. */
  double density(long eventMillis) {
    double age = Math.max(0, liveWall - eventMillis) / 1000.0;
    return rate * (QUIET_SHARE + (1 - QUIET_SHARE) * Math.exp(-age / RAMP_SECONDS));
  }

  boolean live(long wallMillis) {
    return wallMillis >= liveWall;
  }

  /** The wall time the replay started. */
  long startWall() {
    return startWall;
  }

  /** The first event time of the run. */
  Instant start() {
    return Instant.ofEpochMilli(startEvent);
  }

  /** Events the curve puts into [start, eventMillis): its integral, in closed form. */
  double historyEvents(long eventMillis) {
    double elapsed = (eventMillis - startEvent) / 1000.0;
    double ramp = RAMP_SECONDS * (Math.exp(-(liveWall - eventMillis) / 1000.0 / RAMP_SECONDS)
        - Math.exp(-(liveWall - startEvent) / 1000.0 / RAMP_SECONDS));
    return rate * (QUIET_SHARE * elapsed + (1 - QUIET_SHARE) * ramp);
  }
}
