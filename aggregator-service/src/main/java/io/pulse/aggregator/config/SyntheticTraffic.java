package io.pulse.aggregator.config;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.json.Json;
import io.pulse.contracts.profile.UserProfile;
import java.time.Instant;
import java.util.Map;

/** What both warm-ups run through the topology: every event type, users with profiles in five countries, 5 ms apart. */
final class SyntheticTraffic {

  static final int USERS = 2_000;
  private static final String[] TYPES = {"view", "view", "view", "click", "click", "order", "signup"};
  private static final String[] COUNTRIES = {"DE", "FR", "US", "BR", "JP"};
  private static final int ENTITIES = 500;

  private SyntheticTraffic() {
  }

  static String user(int user) {
    return "u" + user;
  }

  static byte[] profile(int user) {
    return Json.MAPPER.writeValueAsBytes(new UserProfile(COUNTRIES[user % COUNTRIES.length], user % 3 == 0 ? "pro" : "free"));
  }

  /** The {@code i}-th event, at {@code startMillis + 5 ms × i}. */
  static Event event(int i, long startMillis) {
    String type = TYPES[i % TYPES.length];
    return new Event("warm-up-" + i, type, user(i * 7919 % USERS), "p" + (i * 31 % ENTITIES),
        type.equals("order") ? 10.0 + i % 90 : null, Instant.ofEpochMilli(startMillis + i * 5L), Map.of());
  }
}
