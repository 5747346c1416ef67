package io.pulse.contracts.event;

/**
 * An event that breaks the contract. {@code field} is a JSON pointer-like path inside the event
 * (e.g. {@code timestamp} or {@code properties.color}); {@code code} is a stable machine-readable
 * reason that the HTTP edge turns into a problem type.
 */
public class EventValidationException extends RuntimeException {

  private final String field;
  private final String code;

  public EventValidationException(String field, String code, String message) {
    super(message);
    this.field = field;
    this.code = code;
  }

  public String field() {
    return field;
  }

  public String code() {
    return code;
  }
}
