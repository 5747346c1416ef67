package io.pulse.query.auth;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.QueryProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Read keys on the API ({@code /v1/*}) only: the page's static files, actuator (health for probes,
 * prometheus for scrapes) and the OpenAPI document stay open, as they hold no data. On unless
 * {@code pulse.query.auth.enabled=false}; the OpenAPI document declares the schemes only while it is on.
 */
@Configuration(proxyBeanMethods = false)
class ReadAccessConfig {

  /** Runs after the CORS filter, so a refusal sent to an allowed origin still carries its CORS headers. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
  private static final Logger log = LoggerFactory.getLogger(ReadAccessConfig.class);
  private static final String HEADER_SCHEME = "readKey";
  private static final String BEARER_SCHEME = "bearer";
  private static final String QUERY_SCHEME = "accessToken";

  @Bean
  FilterRegistrationBean<ReadKeyFilter> readKeyFilter(
      QueryProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
    QueryProperties.Auth auth = properties.auth();
    FilterRegistrationBean<ReadKeyFilter> registration =
        new FilterRegistrationBean<>(new ReadKeyFilter(new ApiKeys(auth.readKeys()), resolver));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(ORDER);
    registration.setEnabled(auth.enabled());
    if (!auth.enabled()) {
      log.warn("pulse.query.auth.enabled=false: the query API and its live streams answer anyone who can reach this port");
    }
    return registration;
  }

  @Bean
  OpenApiCustomizer readKeySecurity(QueryProperties properties) {
    return openApi -> {
      if (!properties.auth().enabled()) {
        return;
      }
      Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
      openApi.setComponents(components
          .addSecuritySchemes(HEADER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
              .in(SecurityScheme.In.HEADER).name(ApiKeys.HEADER).description("a read key (not an ingest key)"))
          .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
              .description("a read key as the bearer token"))
          .addSecuritySchemes(QUERY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
              .in(SecurityScheme.In.QUERY).name(ReadKeyFilter.QUERY_PARAMETER)
              .description("live streams only, for EventSource, which cannot set headers")));
      openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
        if (!path.startsWith("/v1/")) {
          return;
        }
        operation.addSecurityItem(new SecurityRequirement().addList(HEADER_SCHEME))
            .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
        if (path.startsWith(ReadKeyFilter.STREAMS)) {
          operation.addSecurityItem(new SecurityRequirement().addList(QUERY_SCHEME));
        }
        operation.getResponses().addApiResponse("401", new ApiResponse()
            .description("no valid read key (missing-api-key, invalid-api-key)")
            .content(new Content().addMediaType("application/problem+json", new MediaType())));
      }));
    };
  }
}
