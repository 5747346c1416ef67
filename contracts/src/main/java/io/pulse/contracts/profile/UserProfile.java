package io.pulse.contracts.profile;

import io.pulse.contracts.event.EventValidationException;

/** The table side of stream-table duality: the latest known attributes of a user. */
public record UserProfile(String country, String plan) {

  public static final String UNKNOWN = "unknown";
  public static final UserProfile UNKNOWN_PROFILE = new UserProfile(UNKNOWN, UNKNOWN);

  /** Rejects profiles that would pollute the dimensions queries filter on. */
  public UserProfile validated() {
    check("country", country);
    check("plan", plan);
    return this;
  }

  private static void check(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new EventValidationException(field, "missing-field", field + " is required");
    }
    if (value.length() > 64 || !value.matches("[A-Za-z0-9_.-]+")) {
      throw new EventValidationException(field, "invalid-value", field + " must be 1-64 letters, digits or _ . -");
    }
  }
}
