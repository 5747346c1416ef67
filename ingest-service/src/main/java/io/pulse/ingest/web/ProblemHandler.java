package io.pulse.ingest.web;

import io.pulse.ingest.metrics.IngestMetrics;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every refusal as RFC 9457 problem details with a {@code https://pulse.dev/problems/<code>}
 * type, and counts it. Spring MVC's own refusals (404, 405, ...) get the same treatment.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private final IngestMetrics metrics;

  public ProblemHandler(IngestMetrics metrics) {
    this.metrics = metrics;
  }

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> refused(ProblemException e) {
    ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
    if (e.field() != null) {
      problem.setProperty("field", e.field());
    }
    if (e.index() != null) {
      problem.setProperty("index", e.index());
    }
    HttpHeaders headers = new HttpHeaders();
    e.headers().forEach(headers::set);
    if (e.retryAfter() != null) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(e.retryAfter())));
    }
    metrics.rejected(e.status(), e.code());
    return ResponseEntity.status(e.status())
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** A bug or an unforeseen failure: log it with its stack trace, tell the client nothing internal. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
    metrics.rejected(status, "internal-error");
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(status, "internal-error", "an unexpected error occurred; it has been logged"));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    String code = codeOf(statusCode);
    metrics.rejected(statusCode, code);
    ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
    // The superclass builds the ProblemDetail itself when body is null, so set the type afterwards.
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      problem.setType(URI.create(Problems.TYPE_BASE + code));
    }
    return response;
  }

  private static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(Problems.TYPE_BASE + code));
    problem.setTitle(titleOf(code));
    return problem;
  }

  /** "future-timestamp" reads as "Future timestamp": stable, and as specific as the code. */
  static String titleOf(String code) {
    String words = code.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** "Method Not Allowed" becomes "method-not-allowed". */
  private static String codeOf(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "http-" + status.value() : known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private static long retryAfterSeconds(Duration retryAfter) {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
