package io.pulse.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the generator is told: where ingest is, the key, how fast, how much history to replay first, and where
 * Kafka is for the few records that must bypass ingest. Each option is an environment variable
 * ({@code PULSE_DEMO_RATE}) or a flag ({@code --rate}); a flag wins. An unknown {@code PULSE_DEMO_*} variable or
 * flag is an error, so a typo in docker-compose.yml or run-local.sh fails loudly instead of being ignored.
 *
 * @param ingestUrl     ingest-service's base URL
 * @param apiKey        an ingest write key (of a comma-separated list, the first)
 * @param rate          new events per second of wall time (duplicates, garbage and profiles come on top)
 * @param history       how far back in event time the run starts (0 = start live)
 * @param catchUp       wall time over which that history is replayed before the generator runs live
 * @param activeUsers   shoppers online at any moment
 * @param kafka         bootstrap servers for the poison records; empty = every malformed record goes to ingest
 * @param heartbeat     a file touched after every accepted batch (the compose health check reads its age)
 * @param seed          the random seed: the same seed gives the same sequence of decisions
 */
public record DemoOptions(URI ingestUrl, String apiKey, double rate, Duration history, Duration catchUp,
    int activeUsers, Optional<String> kafka, Optional<Path> heartbeat, long seed) {

  static final String PREFIX = "PULSE_DEMO_";
  private static final Map<String, String> DEFAULTS = defaults();

  public DemoOptions {
    if (!(rate > 0) || rate > 100_000) {
      throw new IllegalArgumentException("rate must be between 0 and 100000 events/s, was " + rate);
    }
    if (history.isNegative() || catchUp.isNegative() || (!history.isZero() && catchUp.isZero())) {
      throw new IllegalArgumentException("history and catch-up must not be negative; history needs a catch-up time");
    }
    if (activeUsers < 1) {
      throw new IllegalArgumentException("active-users must be at least 1");
    }
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key is required (PULSE_DEMO_API_KEY or --api-key)");
    }
  }

  /** The options with everything but the target left at its default. */
  public static DemoOptions of(URI ingestUrl, String apiKey) {
    return parse(List.of("--ingest-url", ingestUrl.toString(), "--api-key", apiKey), Map.of());
  }

  public DemoOptions withRate(double newRate) {
    return new DemoOptions(ingestUrl, apiKey, newRate, history, catchUp, activeUsers, kafka, heartbeat, seed);
  }

  public DemoOptions withHistory(Duration newHistory, Duration newCatchUp) {
    return new DemoOptions(ingestUrl, apiKey, rate, newHistory, newCatchUp, activeUsers, kafka, heartbeat, seed);
  }

  public DemoOptions withKafka(String bootstrapServers) {
    return new DemoOptions(ingestUrl, apiKey, rate, history, catchUp, activeUsers, Optional.of(bootstrapServers), heartbeat,
        seed);
  }

  /** Flags ({@code --rate 50}) over environment variables ({@code PULSE_DEMO_RATE=50}) over defaults. */
  public static DemoOptions parse(List<String> args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Set<String> unknown = new TreeSet<>();
    env.forEach((name, value) -> {
      if (name.startsWith(PREFIX)) {
        String option = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
        if (values.containsKey(option)) {
          values.put(option, value);
        } else {
          unknown.add(name);
        }
      }
    });
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String option = arg.startsWith("--") ? arg.substring(2) : "";
      if (!values.containsKey(option) || i + 1 == args.size()) {
        unknown.add(arg);
        continue;
      }
      values.put(option, args.get(++i));
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + unknown + "; known: " + usage());
    }
    try {
      return new DemoOptions(URI.create(values.get("ingest-url").replaceFirst("/+$", "")),
          values.get("api-key").split(",")[0].strip(), Double.parseDouble(values.get("rate")),
          duration(values.get("history")), duration(values.get("catch-up")),
          Integer.parseInt(values.get("active-users")), nonBlank(values.get("kafka")),
          nonBlank(values.get("heartbeat")).map(Path::of), seed(values.get("seed")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
    }
  }

  /** The options, their variables and defaults, for --help and error messages. */
  public static String usage() {
    StringBuilder text = new StringBuilder();
    DEFAULTS.forEach((option, value) -> text.append(String.format("%n  --%-13s %-26s [%s]", option,
        PREFIX + option.toUpperCase(Locale.ROOT).replace('-', '_'), value)));
    return text.toString();
  }

  /** 45m, 90s, 1h, 500ms or an ISO-8601 duration (PT45M). */
  static Duration duration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt")) {
        return Duration.parse(value);
      }
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("unknown unit");
      };
    } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (try 45m, 90s, 1h)", e);
    }
  }

  private static long seed(String value) {
    return value.equalsIgnoreCase("random") ? System.nanoTime() : Long.parseLong(value.strip());
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("ingest-url", "http://127.0.0.1:8081");
    defaults.put("api-key", "");
    defaults.put("rate", "200");
    defaults.put("history", "45m");
    defaults.put("catch-up", "60s");
    defaults.put("active-users", "300");
    defaults.put("kafka", "");
    defaults.put("heartbeat", "");
    defaults.put("seed", "random");
    return defaults;
  }
}
