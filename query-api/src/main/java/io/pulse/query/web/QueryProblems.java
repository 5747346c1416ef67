package io.pulse.query.web;

import io.pulse.clickhouse.ClickHouseException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every bad parameter becomes an RFC 9457 problem naming the parameter; never a 500. */
@RestControllerAdvice
class QueryProblems {

  static final String TYPE_BASE = "https://pulse.dev/problems/";
  private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

  @ExceptionHandler(BadQueryException.class)
  ProblemDetail badQuery(BadQueryException e) {
    return problem(e.code(), e.parameter(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem("invalid-parameter", e.getName(), "parameter '" + e.getName() + "' has an invalid value");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missing(MissingServletRequestParameterException e) {
    return problem("missing-parameter", e.getParameterName(), "parameter '" + e.getParameterName() + "' is required");
  }

  /** Too many open streams: the client should come back later, not change its request. */
  @ExceptionHandler(CapacityExceededException.class)
  ResponseEntity<ProblemDetail> capacity(CapacityExceededException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setType(URI.create(TYPE_BASE + "too-many-streams"));
    problem.setTitle("Stream capacity exhausted");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
        .body(problem);
  }

  /**
   * No valid read key (the key filter renders its refusals here): 401, with a challenge for each way a key
   * may be presented.
   */
  @ExceptionHandler(UnauthorizedException.class)
  ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    problem.setType(URI.create(TYPE_BASE + e.code()));
    problem.setTitle(e.title());
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"", "Bearer realm=\"pulse-query\"")
        .body(problem);
  }

  /** ClickHouse down or overloaded: a 503 the caller may retry, logged with its cause. */
  @ExceptionHandler(ClickHouseException.class)
  ProblemDetail clickHouse(ClickHouseException e) {
    log.warn("ClickHouse query failed", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "the analytics store did not answer; try again shortly");
    problem.setType(URI.create(TYPE_BASE + "store-unavailable"));
    problem.setTitle("Analytics store unavailable");
    return problem;
  }

  private static ProblemDetail problem(String code, String parameter, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(URI.create(TYPE_BASE + code));
    problem.setTitle("Bad query parameter");
    problem.setProperty("parameter", parameter);
    return problem;
  }
}
