package io.pulse.e2e;

import io.pulse.localstack.FreePort;
import io.pulse.localstack.LocalClickHouse;
import io.pulse.localstack.LocalKafka;
import io.pulse.testservers.ClickHouseServer;
import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.LocalServers;
import io.pulse.testservers.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole platform as run-local.sh runs it: a KRaft broker, a clickhouse-server process and
 * the three services as separate JVMs, all on free ports under one work directory. The broker,
 * ClickHouse and the aggregator can be stopped and started again in place (same ports, same
 * directories), which the fault-injection tests do. Broker and ClickHouse come from
 * {@link TestServers}: under -Pcontainers they are the images docker-compose.yml runs, and only
 * the aggregator can be stopped (the tests that stop servers are tagged local-only).
 */
final class Platform implements AutoCloseable {

  static final String API_KEY = "e2e-" + UUID.randomUUID();
  /** The query API's read key: a set of its own, as run-local.sh and docker-compose.yml configure it. */
  static final String READ_KEY = "e2e-read-" + UUID.randomUUID();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path dir;
  KafkaServer kafka;
  ClickHouseServer clickHouse;
  ServiceProcess aggregator;
  final ServiceProcess ingest;
  final ServiceProcess query;

  private Platform(Path dir, KafkaServer kafka, ClickHouseServer clickHouse, ServiceProcess aggregator,
      ServiceProcess ingest, ServiceProcess query) {
    this.dir = dir;
    this.kafka = kafka;
    this.clickHouse = clickHouse;
    this.aggregator = aggregator;
    this.ingest = ingest;
    this.query = query;
  }

  static Platform start(String name, Map<String, String> aggregatorEnv) throws Exception {
    Path dir = Path.of(System.getProperty("pulse.work.dir", "target/e2e")).resolve(name + "-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    ClickHouseServer clickHouse = TestServers.startClickHouse(dir.resolve("clickhouse"));
    KafkaServer kafka = TestServers.startKafka(dir.resolve("kafka"));
    Map<String, String> common = new HashMap<>(clickHouse.environment());
    common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    Path logs = dir.resolve("logs");

    Map<String, String> aggregatorConfig = new HashMap<>(common);
    aggregatorConfig.put("PULSE_STATE_DIR", dir.resolve("streams-state").toString());
    aggregatorConfig.putAll(aggregatorEnv);
    // The aggregator first: it creates the schema and publishes the aggregation catalog.
    ServiceProcess aggregator = ServiceProcess.start("aggregator-service", FreePort.pick(), aggregatorConfig, logs);
    Map<String, String> ingestConfig = new HashMap<>(common);
    ingestConfig.put("PULSE_INGEST_API_KEYS", API_KEY);
    // Warm-ups shortened (they are run, and health waits for them): every scenario starts a platform.
    ingestConfig.put("PULSE_INGEST_WARM_UP_REQUESTS", "200");
    ServiceProcess ingest = ServiceProcess.start("ingest-service", FreePort.pick(), ingestConfig, logs);
    Map<String, String> queryConfig = new HashMap<>(common);
    queryConfig.put("PULSE_QUERY_AUTH_READ_KEYS", READ_KEY);
    queryConfig.put("PULSE_QUERY_WARM_UP_REQUESTS", "500");
    ServiceProcess query = ServiceProcess.start("query-api", FreePort.pick(), queryConfig, logs);
    Platform platform = new Platform(dir, kafka, clickHouse, aggregator, ingest, query);
    try {
      for (ServiceProcess service : List.of(aggregator, ingest, query)) {
        service.awaitHealthy(START_TIMEOUT);
      }
    } catch (RuntimeException e) {
      try {
        platform.close();   // a service that never got healthy must not outlive the test as an orphan
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    return platform;
  }

  /** A crash: SIGKILL, no shutdown hooks, no final commit; the state directory stays as it was. */
  void killAggregator() {
    aggregator.kill();
  }

  /** Starts the aggregator again on its port and state directory; returns once it is healthy. */
  void restartAggregator() {
    aggregator = aggregator.restart().awaitHealthy(START_TIMEOUT);
  }

  /**
   * Another aggregator instance in the same Streams application (same application id), with its
   * own state directory, port and log: Kafka rebalances the tasks over both.
   */
  ServiceProcess startSecondAggregator() {
    Map<String, String> env = new HashMap<>(aggregator.env());
    env.put("PULSE_STATE_DIR", dir.resolve("streams-state-2").toString());
    return ServiceProcess.launch("aggregator-service", FreePort.pick(), env, dir.resolve("logs/aggregator-service-2.log"))
        .awaitHealthy(START_TIMEOUT);
  }

  /** SIGKILL of clickhouse-server, like a crash (a graceful stop waits on the services' idle connections). */
  void stopClickHouse() {
    LocalServers.process(clickHouse).kill();
  }

  /** ClickHouse again on the same ports and data directory. */
  void startClickHouse() {
    LocalClickHouse stopped = LocalServers.process(clickHouse);
    clickHouse = new LocalServers.ClickHouse(
        LocalClickHouse.start(stopped.dataDir(), stopped.httpPort(), stopped.tcpPort()), null);
  }

  /** Shuts the broker down (controlled shutdown), keeping its port and log directory for {@link #startKafka()}. */
  void stopKafka() {
    LocalServers.process(kafka).close();
  }

  /** The broker again on the same port and log directory: topics, offsets and transactions survive. */
  void startKafka() {
    kafka = new LocalServers.Kafka(LocalKafka.start(dir.resolve("kafka"), LocalServers.process(kafka).port()), null);
  }

  @Override
  public void close() {
    IllegalStateException failure = new IllegalStateException("could not stop every part of the platform");
    for (AutoCloseable part : List.<AutoCloseable>of(query, ingest, aggregator, kafka, clickHouse)) {
      try {
        part.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }
}
