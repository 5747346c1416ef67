package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import io.pulse.query.window.MeasureCombining;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a range board's parameters ({@code from} and {@code to}, or {@code last}) into a {@link BoardRange};
 * every refusal is a 400 naming the parameter. Only tumbling aggregations have ranges: their windows tile
 * time, so the windows inside a range add up to the range; hopping windows overlap and sliding and session
 * windows do not tile. A window belongs to a range when it lies wholly inside it.
 */
final class RangeRequests {

  /** {@code last} in the simple form: a positive whole number of seconds, minutes, hours or days. */
  private static final Pattern SIMPLE_DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

  private RangeRequests() {}

  /** The range the parameters ask for, or null when they ask for a single window (no from, to or last). */
  static BoardRange parse(AggregationDefinition definition, LeaderboardParameters parameters, Duration maxRange) {
    String named = parameters.last() != null ? "last" : parameters.from() != null ? "from" : "to";
    if (parameters.last() == null && parameters.from() == null && parameters.to() == null) {
      return null;
    }
    if (parameters.window() != null || parameters.windowStart() != null) {
      throw new BadQueryException(named, "conflicting-window",
          "give either a range (from and to, or last) or one window (window, windowStart), not both");
    }
    if (parameters.last() != null && (parameters.from() != null || parameters.to() != null)) {
      throw new BadQueryException("last", "conflicting-range", "give either last or from and to, not both");
    }
    if (definition.window().type() != WindowType.TUMBLING) {
      throw new BadQueryException(named, "range-needs-tumbling", "'" + definition.name() + "' has "
          + definition.window().type().name().toLowerCase(Locale.ROOT) + " windows; a range combines the windows of a"
          + " tumbling aggregation, which tile time (overlapping or event-defined windows would count events more than"
          + " once); ask for one window instead");
    }
    String whyNot = MeasureCombining.whyNot(definition.measure());
    if (whyNot != null) {
      throw new BadQueryException(named, "measure-not-combinable", "'" + definition.name() + "' measures "
          + definition.measure().declaredName() + ", which cannot be combined over"
          + " windows exactly: " + whyNot + "; ask for one window instead");
    }
    long sizeMs = definition.window().size().toMillis();
    return parameters.last() != null
        ? last(parameters.last(), sizeMs, definition.window().size(), maxRange)
        : fixed(parameters.from(), parameters.to(), sizeMs, definition.window().size(), maxRange);
  }

  private static BoardRange fixed(String fromValue, String toValue, long sizeMs, Duration size, Duration maxRange) {
    Instant from = RequestParams.time("from", fromValue);
    Instant to = RequestParams.time("to", toValue);
    if (from == null || to == null) {
      String missing = from == null ? "from" : "to";
      throw new BadQueryException(missing, "missing-parameter", "a range needs both from and to (or last alone)");
    }
    if (!from.isBefore(to)) {
      throw new BadQueryException("from", "invalid-range", "from must be before to");
    }
    if (Duration.between(from, to).compareTo(maxRange) > 0) {
      throw new BadQueryException("from", "range-too-long", "from..to may span at most " + maxRange);
    }
    long firstStart = BoardRange.alignUp(from.toEpochMilli(), sizeMs);
    long end = BoardRange.alignDown(to.toEpochMilli(), sizeMs);
    if (firstStart >= end) {
      throw new BadQueryException("from", "invalid-range", "from..to holds no whole window of " + size
          + ": a range combines the windows lying wholly inside [from, to)");
    }
    return BoardRange.fixed(Instant.ofEpochMilli(firstStart), Instant.ofEpochMilli(end));
  }

  private static BoardRange last(String value, long sizeMs, Duration size, Duration maxRange) {
    Duration last = duration(value);
    if (last.compareTo(maxRange) > 0) {
      throw new BadQueryException("last", "range-too-long", "last may span at most " + maxRange);
    }
    long windows = last.toMillis() / sizeMs;
    if (windows == 0) {
      throw new BadQueryException("last", "invalid-range", "last must span at least one window (" + size + ")");
    }
    return BoardRange.last(Duration.ofMillis(windows * sizeMs));
  }

  /** 90s, 15m, 1h, 2d, or ISO-8601 (PT1H30M, P2D); positive. */
  private static Duration duration(String value) {
    Duration duration = null;
    if (value.length() <= 40) {
      Matcher simple = SIMPLE_DURATION.matcher(value);
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        duration = switch (simple.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } else if (value.startsWith("P") || value.startsWith("p")) {
        try {
          duration = Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
          // answered below with the same message as any other unreadable value
        }
      }
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new BadQueryException("last", "invalid-duration",
          "last must be a positive duration: 90s, 15m, 1h, 2d (seconds, minutes, hours, days) or ISO-8601 such as PT1H30M");
    }
    return duration;
  }
}
