package io.pulse.e2e;

import io.pulse.localstack.FreePort;
import io.pulse.localstack.LocalClickHouse;
import io.pulse.localstack.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole platform as run-local.sh runs it: a KRaft broker, a clickhouse-server process and
 * the three services as separate JVMs, all on free ports under one work directory.
 */
final class Platform implements AutoCloseable {

  static final String API_KEY = "e2e-" + UUID.randomUUID();

  final LocalKafka kafka;
  final LocalClickHouse clickHouse;
  final ServiceProcess aggregator;
  final ServiceProcess ingest;
  final ServiceProcess query;

  private Platform(LocalKafka kafka, LocalClickHouse clickHouse, ServiceProcess aggregator, ServiceProcess ingest,
      ServiceProcess query) {
    this.kafka = kafka;
    this.clickHouse = clickHouse;
    this.aggregator = aggregator;
    this.ingest = ingest;
    this.query = query;
  }

  static Platform start(String name, Map<String, String> aggregatorEnv) throws Exception {
    Path dir = Path.of(System.getProperty("pulse.work.dir", "target/e2e")).resolve(name + "-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    LocalClickHouse clickHouse = LocalClickHouse.start(dir.resolve("clickhouse"), 0, 0);
    LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0);
    Map<String, String> common = Map.of(
        "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "PULSE_CLICKHOUSE_URL", clickHouse.httpUrl());
    Path logs = dir.resolve("logs");

    Map<String, String> aggregatorConfig = new HashMap<>(common);
    aggregatorConfig.put("PULSE_STATE_DIR", dir.resolve("streams-state").toString());
    aggregatorConfig.putAll(aggregatorEnv);
    // The aggregator first: it creates the schema and publishes the aggregation catalog.
    ServiceProcess aggregator = ServiceProcess.start("aggregator-service", FreePort.pick(), aggregatorConfig, logs);
    Map<String, String> ingestConfig = new HashMap<>(common);
    ingestConfig.put("PULSE_INGEST_API_KEYS", API_KEY);
    ServiceProcess ingest = ServiceProcess.start("ingest-service", FreePort.pick(), ingestConfig, logs);
    ServiceProcess query = ServiceProcess.start("query-api", FreePort.pick(), common, logs);
    for (ServiceProcess service : List.of(aggregator, ingest, query)) {
      service.awaitHealthy(Duration.ofSeconds(120));
    }
    return new Platform(kafka, clickHouse, aggregator, ingest, query);
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
