package io.pulse.query.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Query parameters arrive as records declared once per endpoint ({@link QueryParametersResolver}). */
@Configuration(proxyBeanMethods = false)
class QueryWebConfig implements WebMvcConfigurer {

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new QueryParametersResolver());
  }
}
