package io.pulse.aggregator.events;

import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.JsonSerde;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The profiles table's serde: JSON, as on the topic, parsed once per distinct encoding. The
 * enrichment join reads a user's profile from the table's store for every event, and the store
 * holds bytes, so each read would run the JSON parser again (3 % of the stream threads' samples,
 * docs/benchmark.md). A profile is a country and a plan: few distinct encodings for any number of
 * users, and a parsed {@link UserProfile} is immutable, so one instance per encoding serves all.
 */
public final class ProfileSerde implements Serde<UserProfile> {

  /** More distinct encodings than this (not expected: countries x plans) and the memo starts over rather than grow. */
  static final int MAX_MEMOIZED = 4096;

  private final JsonSerde<UserProfile> json = new JsonSerde<>(UserProfile.class);
  // Shared by every stream thread: one serde instance serves the table's source and store in all tasks.
  private final Map<ByteBuffer, UserProfile> parsed = new ConcurrentHashMap<>();

  @Override
  public Serializer<UserProfile> serializer() {
    return json.serializer();
  }

  @Override
  public Deserializer<UserProfile> deserializer() {
    Deserializer<UserProfile> parse = json.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      UserProfile profile = parsed.get(ByteBuffer.wrap(bytes));
      if (profile == null) {
        profile = parse.deserialize(topic, bytes); // unreadable: throws, and nothing is remembered
        if (parsed.size() >= MAX_MEMOIZED) {
          parsed.clear();
        }
        parsed.put(ByteBuffer.wrap(bytes.clone()), profile); // the caller may reuse its array
      }
      return profile;
    };
  }
}
