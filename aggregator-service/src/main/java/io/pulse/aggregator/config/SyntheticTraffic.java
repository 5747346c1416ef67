package io.pulse.aggregator.config;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.json.Json;
import io.pulse.contracts.profile.UserProfile;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What both warm-ups run through the topology: every event type, users in five countries and some
 * without a profile, 5 ms apart. Shaped like real traffic down to the properties map, because C2
 * compiles the paths the warm-up takes: a branch it never saw (a property, a missing profile) is an
 * uncommon trap under the first real load, and the hot methods are compiled again then.
 */
final class SyntheticTraffic {

  static final int USERS = 2_000;
  private static final String[] TYPES = {"view", "view", "view", "click", "click", "order", "signup"};
  private static final String[] COUNTRIES = {"DE", "FR", "US", "BR", "JP"};
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final int ENTITIES = 500;
  /** Every tenth user has no profile: its events are enriched with none. */
  private static final int WITHOUT_PROFILE = 10;

  private SyntheticTraffic() {
  }

  static String user(int user) {
    return "u" + user;
  }

  /** The users whose profiles are written before the events. */
  static int[] profiledUsers() {
    return IntStream.range(0, USERS).filter(user -> user % WITHOUT_PROFILE != 0).toArray();
  }

  static byte[] profile(int user) {
    return Json.MAPPER.writeValueAsBytes(new UserProfile(COUNTRIES[user % COUNTRIES.length], user % 3 == 0 ? "pro" : "free"));
  }

  /**
   * The {@code i}-th event, 5 ms × i after the whole second at or before {@code startMillis}: one time
   * in 200 falls on a whole second, which ISO-8601 writes without a fraction, as real times do.
   */
  static Event event(int i, long startMillis) {
    String type = TYPES[i % TYPES.length];
    String entity = "p" + (i * 31 % ENTITIES);
    return new Event("warm-up-" + i, type, user(i * 7919 % USERS), entity, type.equals("order") ? 10.0 + i % 90 : null,
        Instant.ofEpochMilli(startMillis / 1000 * 1000 + i * 5L), Map.of("device", DEVICES[i % DEVICES.length], "page", "/products/" + entity));
  }
}
