package io.pulse.testservers;

import java.util.Map;

/** A ClickHouse server a test talks to over HTTP, whichever way {@link TestServers} got it. */
public interface ClickHouseServer extends AutoCloseable {

  /** {@code http://HOST:PORT}. */
  String httpUrl();

  String username();

  String password();

  /** The service settings that point a Pulse service at this server (ClickHouseProperties). */
  default Map<String, String> springProperties() {
    return Map.of("pulse.clickhouse.url", httpUrl(), "pulse.clickhouse.username", username(),
        "pulse.clickhouse.password", password());
  }

  /** The same as {@code name=value} pairs, for a Spring test context runner. */
  default String[] springPropertyValues() {
    return springProperties().entrySet().stream().map(property -> property.getKey() + "=" + property.getValue())
        .toArray(String[]::new);
  }

  /** The same, as the environment of a service process. */
  default Map<String, String> environment() {
    return Map.of("PULSE_CLICKHOUSE_URL", httpUrl(), "PULSE_CLICKHOUSE_USERNAME", username(),
        "PULSE_CLICKHOUSE_PASSWORD", password());
  }

  /** Stops the server and frees what it held; the data is gone unless the caller chose its directory. */
  @Override
  void close();
}
