package io.pulse.ingest.auth;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.ingest.web.ProblemException;
import io.pulse.ingest.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Requires a valid {@code X-Api-Key} before anything else happens (before content negotiation, before
 * a byte of the body is read). Refusals go through the MVC exception resolvers so they are rendered
 * and counted like every other problem.
 */
class ApiKeyFilter extends OncePerRequestFilter {

  static final String HEADER = ApiKeyHeader.NAME;

  private final ApiKeys keys;
  private final HandlerExceptionResolver problemRenderer;

  ApiKeyFilter(ApiKeys keys, HandlerExceptionResolver problemRenderer) {
    this.keys = keys;
    this.problemRenderer = problemRenderer;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    ProblemException refusal = null;
    if (presented == null || presented.isEmpty()) {
      refusal = Problems.unauthorized("missing-api-key", "the " + HEADER + " header is required");
    } else if (!keys.matches(presented)) {
      refusal = Problems.unauthorized("invalid-api-key", "the " + HEADER + " header does not hold a valid key");
    }
    if (refusal == null) {
      chain.doFilter(request, response);
    } else {
      problemRenderer.resolveException(request, response, null, refusal);
    }
  }
}
