package io.pulse.contracts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private final ApiKeys keys = new ApiKeys(List.of("first-key", "second-key"));

  @Test
  void anyConfiguredKeyMatches() {
    assertThat(keys.matches("first-key")).isTrue();
    assertThat(keys.matches("second-key")).isTrue();
  }

  @Test
  void prefixesExtensionsAndCaseVariantsDoNotMatch() {
    assertThat(keys.matches("first-ke")).isFalse();
    assertThat(keys.matches("first-key ")).isFalse();
    assertThat(keys.matches("FIRST-KEY")).isFalse();
    assertThat(keys.matches("")).isFalse();
  }

  @Test
  void noKeysMatchNothing() {
    assertThat(new ApiKeys(List.of()).matches("first-key")).isFalse();
    assertThat(new ApiKeys(List.of()).matches("")).isFalse();
  }
}
