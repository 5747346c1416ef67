package io.pulse.aggregator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.contracts.profile.UserProfile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class ProfileSerdeTest {

  private final ProfileSerde serde = new ProfileSerde();
  private final Deserializer<UserProfile> deserializer = serde.deserializer();

  @Test
  void readsWhatItWritesAndParsesEachEncodingOnce() {
    byte[] written = serde.serializer().serialize("user-profiles", new UserProfile("DE", "pro"));

    UserProfile first = deserializer.deserialize("user-profiles", written);
    UserProfile again = deserializer.deserialize("user-profiles", written.clone());

    assertThat(first).isEqualTo(new UserProfile("DE", "pro"));
    assertThat(again).isSameAs(first);
  }

  @Test
  void aReusedArrayIsReadForWhatItHoldsNow() {
    byte[] buffer = json("{\"country\":\"DE\",\"plan\":\"pro\"}");
    assertThat(deserializer.deserialize("user-profiles", buffer)).isEqualTo(new UserProfile("DE", "pro"));

    byte[] other = json("{\"country\":\"FR\",\"plan\":\"pro\"}");
    System.arraycopy(other, 0, buffer, 0, other.length);

    assertThat(deserializer.deserialize("user-profiles", buffer)).isEqualTo(new UserProfile("FR", "pro"));
    assertThat(deserializer.deserialize("user-profiles", json("{\"country\":\"DE\",\"plan\":\"pro\"}")))
        .isEqualTo(new UserProfile("DE", "pro"));
  }

  @Test
  void manyDistinctProfilesAreStillReadCorrectly() {
    for (int i = 0; i < ProfileSerde.MAX_MEMOIZED * 2 + 3; i++) {
      UserProfile profile = new UserProfile("C" + i, "plan" + (i % 3));
      byte[] written = serde.serializer().serialize("user-profiles", profile);
      assertThat(deserializer.deserialize("user-profiles", written)).isEqualTo(profile);
    }
  }

  @Test
  void anUnreadableProfileIsRejectedEveryTimeItIsRead() {
    byte[] broken = json("{\"country\":\"DE\",\"country\":\"FR\",\"plan\":\"pro\"}"); // duplicate key

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> deserializer.deserialize("user-profiles", Arrays.copyOf(broken, broken.length)))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("UserProfile");
    }
  }

  @Test
  void aTombstoneIsNoProfile() {
    assertThat(deserializer.deserialize("user-profiles", null)).isNull();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
