package io.pulse.query;

import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.TestServers;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real ClickHouse per test JVM, from {@link TestServers}: a local clickhouse-server on free
 * ports by default, the docker-compose image under -Pcontainers; stopped when the JVM exits.
 */
public final class ClickHouseTestSupport {

  private static ClickHouseServer server;

  private ClickHouseTestSupport() {}

  public static synchronized ClickHouseServer server() {
    if (server == null) {
      server = TestServers.startClickHouse();
    }
    return server;
  }

  public static void register(DynamicPropertyRegistry registry) {
    server().springProperties().forEach((name, value) -> registry.add(name, () -> value));
  }
}
