package io.pulse.ingest.web;

import io.pulse.contracts.event.EventValidationException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The catalogue of refusals: one factory per kind, so codes and statuses stay consistent. */
public final class Problems {

  public static final String TYPE_BASE = "https://pulse.dev/problems/";

  private Problems() {}

  /** A 400 about the request as a whole (empty body, malformed JSON outside any event, ...). */
  public static ProblemException badRequest(String code, String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, code, detail, null, null, null, Map.of(), null);
  }

  /** A 400 about one event of a batch (or, with a null index, one profile). */
  public static ProblemException invalid(String code, String field, Integer index, String detail) {
    String where = index == null ? "" : "event at index " + index + ": ";
    return new ProblemException(
        HttpStatus.BAD_REQUEST, code, where + detail, emptyToNull(field), index, null, Map.of(), null);
  }

  public static ProblemException invalid(EventValidationException e, Integer index) {
    return invalid(e.code(), e.field(), index, e.getMessage());
  }

  public static ProblemException payloadTooLarge(long maxBytes) {
    return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
        "request body exceeds " + maxBytes + " bytes", null, null, null, Map.of(), null);
  }

  public static ProblemException unsupportedMediaType(String detail, String accepted) {
    return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", detail,
        null, null, null, Map.of("Accept-Post", accepted), null);
  }

  public static ProblemException unsupportedEncoding(String encoding) {
    return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-encoding",
        "Content-Encoding '" + encoding + "' is not supported; send the body uncompressed", null, null, null,
        Map.of("Accept-Encoding", "identity"), null);
  }

  public static ProblemException unauthorized(String code, String detail) {
    return new ProblemException(HttpStatus.UNAUTHORIZED, code, detail, null, null, null,
        Map.of("WWW-Authenticate", "ApiKey header=\"X-Api-Key\""), null);
  }

  public static ProblemException tooManyInFlight(int requested) {
    return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-in-flight",
        "too many events awaiting Kafka acknowledgement to accept " + requested + " more; retry shortly",
        null, null, Duration.ofSeconds(1), Map.of(), null);
  }

  public static ProblemException tooManyBytesInFlight(long requested) {
    return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-bytes-in-flight",
        "too many request bytes are being processed to take " + requested + " more; retry shortly",
        null, null, Duration.ofSeconds(1), Map.of(), null);
  }

  public static ProblemException rateLimited(int requested, Duration retryAfter) {
    return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
        "this API key's event rate limit does not allow " + requested + " more events now; retry after the given delay",
        null, null, retryAfter, Map.of(), null);
  }

  public static ProblemException kafkaUnavailable(String detail, Duration retryAfter, Throwable cause) {
    return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", detail, null, null,
        retryAfter, Map.of(), cause);
  }

  private static String emptyToNull(String field) {
    return field == null || field.isEmpty() ? null : field;
  }
}
