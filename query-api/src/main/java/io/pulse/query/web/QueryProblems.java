package io.pulse.query.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every bad parameter becomes an RFC 9457 problem naming the parameter; never a 500. */
@RestControllerAdvice
class QueryProblems {

  static final String TYPE_BASE = "https://pulse.dev/problems/";

  @ExceptionHandler(BadQueryException.class)
  ProblemDetail badQuery(BadQueryException e) {
    return problem(e.code(), e.parameter(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem("invalid-parameter", e.getName(), "parameter '" + e.getName() + "' has an invalid value");
  }

  private static ProblemDetail problem(String code, String parameter, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(URI.create(TYPE_BASE + code));
    problem.setTitle("Bad query parameter");
    problem.setProperty("parameter", parameter);
    return problem;
  }
}
