package io.pulse.query.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request without its key parameter: the endpoints refuse parameters they do not declare, and a key
 * has no business in anything they log or hand on.
 */
final class WithoutAccessToken extends HttpServletRequestWrapper {

  private final String hidden;

  WithoutAccessToken(HttpServletRequest request, String hidden) {
    super(request);
    this.hidden = hidden;
  }

  @Override
  public String getParameter(String name) {
    return hidden.equals(name) ? null : super.getParameter(name);
  }

  @Override
  public String[] getParameterValues(String name) {
    return hidden.equals(name) ? null : super.getParameterValues(name);
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
    parameters.remove(hidden);
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(getParameterMap().keySet());
  }

  @Override
  public String getQueryString() {
    String query = super.getQueryString();
    if (query == null) {
      return null;
    }
    String kept = Arrays.stream(query.split("&"))
        .filter(pair -> !pair.equals(hidden) && !pair.startsWith(hidden + "="))
        .collect(Collectors.joining("&"));
    return kept.isEmpty() ? null : kept;
  }
}
