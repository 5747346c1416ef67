package io.pulse.loadtest;

import java.time.Duration;

/**
 * The simulations' {@code -Dpulse.*} settings. The Maven profile passes every one of them, empty when
 * not given on the command line, so an empty value means "this simulation's default".
 */
final class SimulationProperties {

  private SimulationProperties() {}

  static String string(String name, String defaultValue) {
    String value = System.getProperty("pulse." + name);
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  static int integer(String name, int defaultValue) {
    return Integer.parseInt(string(name, Integer.toString(defaultValue)));
  }

  static double decimal(String name, double defaultValue) {
    return Double.parseDouble(string(name, Double.toString(defaultValue)));
  }

  static Duration seconds(String name, long defaultSeconds) {
    return Duration.ofSeconds(Long.parseLong(string(name, Long.toString(defaultSeconds))));
  }

  /** The query API's read key: there is no default key either. */
  static String readKey() {
    String key = string("readKey", "");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("-Dpulse.readKey=... is required (./run-local.sh prints the read key; "
          + "PULSE_READ_KEY=k ./run-local.sh fixes it; docker compose: pulse-dev-read-key)");
    }
    return key;
  }

  /** The ingest API key: there is no default key, so a run without one stops before sending anything. */
  static String apiKey() {
    String key = string("apiKey", "");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("-Dpulse.apiKey=... is required (./run-local.sh prints the dev key; "
          + "PULSE_API_KEY=k ./run-local.sh fixes it)");
    }
    return key;
  }
}
