package io.pulse.query.web;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A half-open range of window starts, [from, to), as the from and to parameters give it. */
public record TimeRange(Instant from, Instant to) {

  /**
   * Parses both parameters, then fills in what is absent: {@code to} just after the newest window
   * start (now when there is none), {@code from} {@code defaultSpan} before {@code to}. The range
   * must be non-empty and at most {@code maxSpan}, else a 400 naming {@code from}.
   */
  public static TimeRange parse(String from, String to, Supplier<Instant> newestStart, Duration defaultSpan,
      Duration maxSpan) {
    Instant end = RequestParams.time("to", to);
    Instant start = RequestParams.time("from", from);
    if (end == null) {
      Instant newest = newestStart.get();
      end = newest == null ? Instant.now() : newest.plusMillis(1);
    }
    if (start == null) {
      start = end.minus(defaultSpan);
    }
    if (!start.isBefore(end)) {
      throw new BadQueryException("from", "invalid-range", "from must be before to");
    }
    if (Duration.between(start, end).compareTo(maxSpan) > 0) {
      throw new BadQueryException("from", "invalid-range", "from..to may span at most " + maxSpan);
    }
    return new TimeRange(start, end);
  }
}
