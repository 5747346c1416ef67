package io.pulse.query.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.context.request.WebRequest;

/**
 * Parsing of query parameters into typed values; each failure is a {@link BadQueryException}
 * naming the parameter. Values arrive as strings (each endpoint's parameter record, see
 * {@link QueryParametersResolver}) so that a malformed value reaches these messages instead of a
 * generic conversion error.
 */
public final class RequestParams {

  /** Longest filter or key value accepted; group keys and facet values are short identifiers. */
  public static final int MAX_VALUE_LENGTH = 256;

  private RequestParams() {}

  /** Rejects parameters the endpoint does not know, e.g. a dimension that is not allow-listed. */
  public static void allowOnly(WebRequest request, Set<String> known) {
    for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
      if (!known.contains(name)) {
        throw new BadQueryException(name, "unknown-parameter",
            "unknown parameter '" + abbreviate(name) + "'; allowed: " + new TreeSet<>(known));
      }
    }
  }

  /** The latest time a parameter may name; far enough for any window, and epoch millis never overflow. */
  static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  /** ISO-8601 with a zone (2026-01-31T12:00:00Z) or epoch milliseconds, from 1970 to 9999; null when absent. */
  public static Instant time(String parameter, String value) {
    if (value == null) {
      return null;
    }
    Instant time;
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
      time = Instant.ofEpochMilli(Long.parseLong(value));
    } else {
      try {
        time = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw invalidTime(parameter);
      }
    }
    // Found by the query fuzzer: a year like -999999999 parses, then overflows epoch millis (a 500).
    if (time.isBefore(Instant.EPOCH) || time.isAfter(LATEST_TIME)) {
      throw invalidTime(parameter);
    }
    return time;
  }

  private static BadQueryException invalidTime(String parameter) {
    return new BadQueryException(parameter, "invalid-time", parameter
        + " must be ISO-8601 with a zone (e.g. 2026-01-31T12:00:00Z) or epoch milliseconds, between 1970 and 9999");
  }

  /** An integer in [min, max], or the default when absent. */
  public static int boundedInt(String parameter, String value, int defaultValue, int min, int max) {
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // not a number: answered below with the same message as an out-of-range one
    }
    throw new BadQueryException(parameter, "invalid-" + parameter,
        parameter + " must be an integer from " + min + " to " + max);
  }

  /** A filter or key value: non-blank, bounded, without control characters. Null when absent. */
  public static String value(String parameter, String value) {
    if (value == null) {
      return null;
    }
    if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      throw new BadQueryException(parameter, "invalid-value",
          parameter + " must be 1 to " + MAX_VALUE_LENGTH + " characters without control characters");
    }
    return value;
  }

  private static String abbreviate(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
  }
}
