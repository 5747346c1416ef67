package io.pulse.ingest.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the service refuses, with everything the problem-details response needs. Thrown
 * anywhere on the request path and rendered by {@link ProblemHandler}.
 *
 * @param code       stable machine-readable reason; becomes the problem {@code type} and the
 *                   rejection metric's tag
 * @param field      the offending field inside the event (or profile), if any
 * @param index      0-based index of the offending event in the batch (NDJSON: its line), if any
 * @param retryAfter sent as {@code Retry-After} when the client should come back later
 * @param headers    further response headers (e.g. {@code WWW-Authenticate})
 */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;
  private final Integer index;
  private final Duration retryAfter;
  private final Map<String, String> headers;

  ProblemException(
      HttpStatus status, String code, String detail, String field, Integer index, Duration retryAfter,
      Map<String, String> headers, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = code;
    this.field = field;
    this.index = index;
    this.retryAfter = retryAfter;
    this.headers = Map.copyOf(headers);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public Integer index() {
    return index;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
