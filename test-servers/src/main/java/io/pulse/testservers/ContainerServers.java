package io.pulse.testservers;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The servers of {@code -Pcontainers}: the ClickHouse and Kafka images docker-compose.yml runs, in
 * containers, through Testcontainers. The only class that touches Testcontainers, so the default
 * run never loads it. The settings mirror compose's: a ClickHouse user with a password (the image
 * keeps its passwordless {@code default} user to itself), a broker that creates no topic on first use.
 */
final class ContainerServers {

  /** docker-compose.yml's default ClickHouse credentials, so the services log in as they do there. */
  static final String CLICKHOUSE_USER = "pulse";
  static final String CLICKHOUSE_PASSWORD = "pulse";

  private ContainerServers() {}

  static ClickHouseServer clickHouse() {
    requireDocker();
    ClickHouseContainer container = new ClickHouseContainer(ComposeImages.image(ComposeImages.CLICKHOUSE))
        .withUsername(CLICKHOUSE_USER)
        .withPassword(CLICKHOUSE_PASSWORD);
    container.start();
    return new ClickHouseServer() {
      @Override
      public String httpUrl() {
        return container.getHttpUrl();
      }

      @Override
      public String username() {
        return container.getUsername();
      }

      @Override
      public String password() {
        return container.getPassword();
      }

      @Override
      public void close() {
        container.stop();
      }

      @Override
      public String toString() {
        return "ClickHouse container " + container.getDockerImageName() + " at " + httpUrl();
      }
    };
  }

  static KafkaServer kafka() {
    requireDocker();
    KafkaContainer container = new KafkaContainer(ComposeImages.image(ComposeImages.KAFKA))
        // As in docker-compose.yml: topics come from the services' declarations, never from a first send.
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
    container.start();
    return new KafkaServer() {
      @Override
      public String bootstrapServers() {
        return container.getBootstrapServers();
      }

      @Override
      public void close() {
        container.stop();
      }

      @Override
      public String toString() {
        return "Kafka container " + container.getDockerImageName() + " at " + bootstrapServers();
      }
    };
  }

  /** Fails with what to do when Testcontainers finds no Docker engine: the profile never skips. */
  static void requireDocker() {
    try {
      DockerClientFactory.instance().client();
    } catch (IllegalStateException e) {
      throw new IllegalStateException("-Pcontainers (" + TestServers.PROPERTY + "=containers) runs the tests against"
          + " ClickHouse and Kafka in containers, and Testcontainers found no Docker engine: " + e.getMessage()
          + ". Start Docker (or point DOCKER_HOST at one), or run without -Pcontainers to test against the local servers.",
          e);
    }
  }
}
