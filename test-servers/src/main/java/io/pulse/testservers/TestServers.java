package io.pulse.testservers;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an integration test gets its ClickHouse and Kafka: one test class, two back ends. By
 * default local servers ({@link LocalServers}: the clickhouse-server process and the in-JVM broker
 * that {@code ./run-local.sh} runs); with {@code -Dpulse.test.servers=containers}, which the Maven
 * profile {@code containers} sets, the images docker-compose.yml runs, in containers. Without a
 * Docker engine that profile fails every test that asks for a server, saying why — it never skips.
 */
public final class TestServers {

  /** The system property that chooses: {@code local} (the default) or {@code containers}. */
  public static final String PROPERTY = "pulse.test.servers";

  /**
   * The JUnit tag of tests that need the local processes themselves (they kill or restart them, or
   * run {@code ./run-local.sh}) or a local browser; {@code -Pcontainers} leaves them out.
   */
  public static final String LOCAL_ONLY = "local-only";

  public enum Mode { LOCAL, CONTAINERS }

  private TestServers() {}

  public static Mode mode() {
    return mode(System.getProperty(PROPERTY, ""));
  }

  static Mode mode(String property) {
    String value = property.strip();
    if (value.isEmpty()) {
      return Mode.LOCAL;
    }
    try {
      return Mode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + " must be 'local' or 'containers', was '" + value + "'", e);
    }
  }

  /** A new ClickHouse server (local: in a temporary directory, deleted on close). */
  public static ClickHouseServer startClickHouse() {
    return startClickHouse(null);
  }

  /**
   * A new ClickHouse server; a local one keeps its data in {@code dir} (null: a temporary directory),
   * so it can be started again on the same data. A container ignores {@code dir}.
   */
  public static ClickHouseServer startClickHouse(Path dir) {
    return mode() == Mode.CONTAINERS ? ContainerServers.clickHouse() : LocalServers.clickHouse(dir);
  }

  /** A new single-node Kafka broker (local: in a temporary directory, deleted on close). */
  public static KafkaServer startKafka() {
    return startKafka(null);
  }

  /** A new single-node Kafka broker; a local one keeps its logs in {@code dir}, as for ClickHouse. */
  public static KafkaServer startKafka(Path dir) {
    return mode() == Mode.CONTAINERS ? ContainerServers.kafka() : LocalServers.kafka(dir);
  }
}
