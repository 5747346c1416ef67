package io.pulse.ingest.limits;

import io.pulse.ingest.config.IngestProperties;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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

  /**
   * Bodies refused before they are read (budget 429, declared-too-large 413) are drained rather
   * than cut off: past Tomcat's default 2 MB swallow limit it closes the connection while the client
   * is still uploading, the unread bytes turn the close into a reset, and the client loses its
   * answer ("header parser received no bytes" under IngestFloodIT). Draining costs bandwidth, not
   * memory; bodies far beyond the limit are still cut off.
   */
  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> drainRefusedBodies(IngestProperties properties) {
    int swallow = (int) Math.min(Integer.MAX_VALUE, 2 * properties.limits().maxBodySize().toBytes());
    return factory -> factory.addConnectorCustomizers(connector -> {
      if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
        http.setMaxSwallowSize(swallow);
      }
    });
  }
}
