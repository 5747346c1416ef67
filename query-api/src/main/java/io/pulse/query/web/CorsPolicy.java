package io.pulse.query.web;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.QueryProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Which pages may call the API from a browser: the page this service serves (same origin, no CORS
 * involved) and the origins in {@code pulse.query.cors.allowed-origins} (none by default). Any other
 * origin's request to {@code /v1/**} is refused with a 403 problem before it costs a query. Read-only
 * methods only; keys travel in headers, never cookies, so no credentials mode. A filter rather than MVC's
 * CORS support, so that it answers before the key check and a 401 to an allowed origin stays readable.
 */
@Configuration(proxyBeanMethods = false)
class CorsPolicy {

  /** Before the read-key filter (HIGHEST_PRECEDENCE + 100). */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 90;

  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(QueryProperties properties) {
    CorsConfiguration api = new CorsConfiguration();
    api.setAllowedOrigins(properties.cors().allowedOrigins());
    api.setAllowedMethods(List.of("GET", "HEAD"));
    api.setAllowedHeaders(List.of(ApiKeys.HEADER, HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT, "Last-Event-ID"));
    api.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE));
    api.setAllowCredentials(false);
    api.setMaxAge(Duration.ofMinutes(30));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/v1/**", api);
    CorsFilter filter = new CorsFilter(source);
    filter.setCorsProcessor(new ProblemCorsProcessor());
    FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(ORDER);
    return registration;
  }

  /** Refuses with RFC 9457 problem details, like every other refusal, instead of a plain-text body. */
  private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private static final byte[] PROBLEM = ("{\"type\":\"" + QueryProblems.TYPE_BASE + "cors-origin-not-allowed\","
        + "\"title\":\"Origin not allowed\",\"status\":403,\"detail\":\"pages of this origin may not call the query"
        + " API; its operator can allow them in pulse.query.cors.allowed-origins\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
      response.setStatusCode(HttpStatus.FORBIDDEN);
      response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      response.getBody().write(PROBLEM);
      response.flush();
    }
  }
}
