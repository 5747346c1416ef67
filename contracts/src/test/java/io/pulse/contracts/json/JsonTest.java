package io.pulse.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.contracts.profile.UserProfile;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The platform's own records read and written by the one shared mapper. */
class JsonTest {

  @Test
  void recordsRoundTrip() {
    UserProfile profile = new UserProfile("DE", "pro");

    assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(profile), UserProfile.class)).isEqualTo(profile);
  }

  @Test
  void aDuplicateKeyIsAnErrorNotTheLastValue() {
    assertThatThrownBy(() -> Json.MAPPER.readValue("{\"country\":\"DE\",\"country\":\"FR\",\"plan\":\"pro\"}", UserProfile.class))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Duplicate");
  }
}
