package io.pulse.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class QueryPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

  @Test
  void startupFailsWithAClearMessageWhenAuthIsOnAndNoReadKeyIsConfigured() {
    runner.run(context -> assertThat(context).getFailure().rootCause()
        .hasMessageContaining("no read keys configured")
        .hasMessageContaining("PULSE_QUERY_AUTH_READ_KEYS")
        .hasMessageContaining("pulse.query.auth.enabled=false"));
  }

  @Test
  void authIsOnByDefaultWithTheGivenKeysAndNoOtherOrigin() {
    runner.withPropertyValues("pulse.query.auth.read-keys=r1,r2").run(context -> {
      QueryProperties properties = context.getBean(QueryProperties.class);
      assertThat(properties.auth().enabled()).isTrue();
      assertThat(properties.auth().readKeys()).containsExactly("r1", "r2");
      assertThat(properties.cors().allowedOrigins()).isEmpty();
    });
  }

  @Test
  void onlyAnExplicitSettingTurnsAuthOffAndThenNoKeyIsNeeded() {
    runner.withPropertyValues("pulse.query.auth.enabled=false", "pulse.query.auth.read-keys=",
        "pulse.query.cors.allowed-origins=").run(context -> {
          QueryProperties properties = context.getBean(QueryProperties.class);
          assertThat(properties.auth().enabled()).isFalse();
          assertThat(properties.auth().readKeys()).isEmpty();
          assertThat(properties.cors().allowedOrigins()).as("an empty env var: no other origin").isEmpty();
        });
  }

  @Test
  void allowedOriginsAreOriginsNotUrls() {
    runner.withPropertyValues("pulse.query.auth.read-keys=r", "pulse.query.cors.allowed-origins=https://a.example,http://b.example:8080")
        .run(context -> assertThat(context.getBean(QueryProperties.class).cors().allowedOrigins())
            .containsExactly("https://a.example", "http://b.example:8080"));
    runner.withPropertyValues("pulse.query.auth.read-keys=r", "pulse.query.cors.allowed-origins=https://a.example/")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("allowed origins are scheme://host[:port]"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(QueryProperties.class)
  static class Bind {}
}
