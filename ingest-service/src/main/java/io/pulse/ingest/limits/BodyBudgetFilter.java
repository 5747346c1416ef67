package io.pulse.ingest.limits;

import io.pulse.ingest.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Reserves a request's body bytes from the {@link BodyBudget} for as long as the request runs:
 * the declared Content-Length, or the body limit when the length is unknown (chunked). A body
 * declared over the limit reserves nothing: the reader refuses it with 413 before reading it.
 */
class BodyBudgetFilter extends OncePerRequestFilter {

  private final BodyBudget budget;
  private final long maxBodyBytes;
  private final HandlerExceptionResolver problemRenderer;

  BodyBudgetFilter(BodyBudget budget, long maxBodyBytes, HandlerExceptionResolver problemRenderer) {
    this.budget = budget;
    this.maxBodyBytes = maxBodyBytes;
    this.problemRenderer = problemRenderer;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    int reserved = (int) (declared < 0 ? maxBodyBytes : declared > maxBodyBytes ? 0 : declared);
    if (!budget.tryAcquire(reserved)) {
      problemRenderer.resolveException(request, response, null, Problems.tooManyBytesInFlight(reserved));
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      budget.release(reserved);
    }
  }
}
