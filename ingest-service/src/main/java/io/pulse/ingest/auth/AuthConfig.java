package io.pulse.ingest.auth;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.ingest.config.IngestProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * API-key auth on the API ({@code /v1/*}) only: actuator endpoints stay open for probes and scrapes. The keys
 * are ingest's own (write keys): the query API's read keys are a separate set and are refused here.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfig {

  @Bean
  FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
      IngestProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(new ApiKeyFilter(new ApiKeys(properties.apiKeys()), resolver));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }
}
