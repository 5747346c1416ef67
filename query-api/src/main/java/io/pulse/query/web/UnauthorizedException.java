package io.pulse.query.web;

/** A request to {@code /v1/**} without a valid read key; becomes a 401 problem saying what was wrong. */
public class UnauthorizedException extends RuntimeException {

  private final String code;
  private final String title;

  private UnauthorizedException(String code, String title, String detail) {
    super(detail);
    this.code = code;
    this.title = title;
  }

  /** No key was presented at all. */
  public static UnauthorizedException missingKey(String detail) {
    return new UnauthorizedException("missing-api-key", "Read key required", detail);
  }

  /** A key was presented, but it is not one of the read keys (an ingest key, a typo, a revoked key). */
  public static UnauthorizedException invalidKey(String detail) {
    return new UnauthorizedException("invalid-api-key", "Invalid read key", detail);
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }
}
