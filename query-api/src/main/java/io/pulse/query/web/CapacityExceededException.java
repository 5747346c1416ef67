package io.pulse.query.web;

/** A server-side limit (open streams, polled boards) is reached; becomes a 503 with Retry-After. */
public class CapacityExceededException extends RuntimeException {

  private final long retryAfterSeconds;

  public CapacityExceededException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
