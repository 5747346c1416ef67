package io.pulse.query;

import io.pulse.contracts.auth.ApiKeys;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The read key the tests' configuration accepts (src/test/resources/config/application.yml), and the
 * tests' clients that send it. Tests about something else than access read as a key holder does;
 * {@code ReadAccessTest} is where requests go without one.
 */
public final class ReadKey {

  public static final String VALUE = "test-read-key-5d1e";

  private ReadKey() {}

  /** Every MockMvc request of an {@link ApiTest} carries the key in X-Api-Key. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class OnEveryMockMvcRequest {

    @Bean
    MockMvcBuilderCustomizer readKeyOnEveryRequest() {
      return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").header(ApiKeys.HEADER, VALUE));
    }
  }
}
