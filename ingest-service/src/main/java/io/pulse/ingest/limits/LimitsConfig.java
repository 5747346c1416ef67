package io.pulse.ingest.limits;

import io.pulse.ingest.config.IngestProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** The body budget guards the API ({@code /v1/*}), after authentication: strangers reserve nothing. */
@Configuration(proxyBeanMethods = false)
class LimitsConfig {

  @Bean
  FilterRegistrationBean<BodyBudgetFilter> bodyBudgetFilter(BodyBudget budget, IngestProperties properties,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
    FilterRegistrationBean<BodyBudgetFilter> registration = new FilterRegistrationBean<>(
        new BodyBudgetFilter(budget, properties.limits().maxBodySize().toBytes(), resolver));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
    return registration;
  }
}
