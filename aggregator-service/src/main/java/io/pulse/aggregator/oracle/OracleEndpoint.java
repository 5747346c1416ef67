package io.pulse.aggregator.oracle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/oracle?from=...&to=...[&aggregation=...]}: the correctness oracle on demand
 * (times as ISO-8601 with a zone or epoch millis). scripts/oracle.sh wraps it for the shell.
 */
@Component
@Endpoint(id = "oracle")
class OracleEndpoint {

  private final CorrectnessOracle oracle;

  OracleEndpoint(CorrectnessOracle oracle) {
    this.oracle = oracle;
  }

  @ReadOperation
  OracleReport check(String from, String to, @Nullable String aggregation) {
    try {
      return oracle.check(time("from", from), time("to", to), aggregation);
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
    }
  }

  private static Instant time(String name, String value) {
    if (!value.isEmpty() && value.length() <= 15 && value.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be ISO-8601 with a zone (2026-01-31T12:00:00Z) or epoch millis", e);
    }
  }
}
