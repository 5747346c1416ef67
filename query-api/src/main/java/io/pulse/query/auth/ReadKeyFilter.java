package io.pulse.query.auth;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.web.UnauthorizedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Requires a valid read key on {@code /v1/**} before anything else happens, presented as
 * {@code X-Api-Key: <key>} or {@code Authorization: Bearer <key>}; on the live streams
 * ({@code /v1/stream/**}) also as {@code ?access_token=<key>}, since a browser's EventSource cannot set
 * headers. A key in the URL is accepted nowhere else (URLs end up in logs and histories), and it is
 * hidden from the request handed on, so the endpoints never see it as a parameter. Refusals go through
 * the MVC exception resolvers, rendered like every other problem.
 */
final class ReadKeyFilter extends OncePerRequestFilter {

  static final String QUERY_PARAMETER = "access_token";
  static final String STREAMS = "/v1/stream/";
  private static final String BEARER = "bearer ";
  private static final String HOW = "send X-Api-Key: <read key> or Authorization: Bearer <read key>"
      + " (live streams also take ?" + QUERY_PARAMETER + "=<read key>)";

  private final ApiKeys keys;
  private final HandlerExceptionResolver problemRenderer;

  ReadKeyFilter(ApiKeys keys, HandlerExceptionResolver problemRenderer) {
    this.keys = keys;
    this.problemRenderer = problemRenderer;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean stream = isStream(request);
    try {
      check(request, stream);
    } catch (UnauthorizedException refusal) {
      problemRenderer.resolveException(request, response, null, refusal);
      return;
    }
    // An answer for one key holder is nobody else's: no shared cache (a proxy, a CDN) may keep it.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    chain.doFilter(stream ? new WithoutAccessToken(request, QUERY_PARAMETER) : request, response);
  }

  /** The first way a key is presented counts: header, then bearer token, then (streams only) the parameter. */
  private void check(HttpServletRequest request, boolean stream) {
    String header = request.getHeader(ApiKeys.HEADER);
    if (header != null && !header.isEmpty()) {
      require(header, "the " + ApiKeys.HEADER + " header does not hold a valid read key");
      return;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
        throw UnauthorizedException.invalidKey("the Authorization header must use the Bearer scheme: " + HOW);
      }
      require(authorization.substring(BEARER.length()).strip(), "the bearer token is not a valid read key");
      return;
    }
    String parameter = request.getParameter(QUERY_PARAMETER);
    if (parameter != null && !parameter.isEmpty()) {
      if (!stream) {
        throw UnauthorizedException.missingKey("a read key is required; the " + QUERY_PARAMETER
            + " parameter is accepted on " + STREAMS + "** only: " + HOW);
      }
      require(parameter, "the " + QUERY_PARAMETER + " parameter does not hold a valid read key");
      return;
    }
    throw UnauthorizedException.missingKey("a read key is required: " + HOW);
  }

  private void require(String presented, String refusal) {
    if (!keys.matches(presented)) {
      throw UnauthorizedException.invalidKey(refusal);
    }
  }

  /** The path as the servlet container mapped it (decoded, dot segments resolved), not the raw URI. */
  private static boolean isStream(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.startsWith(STREAMS);
  }
}
