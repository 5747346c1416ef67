package io.pulse.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher behind {@code ./run-local.sh}: starts ClickHouse and Kafka, prints one
 * {@code LOCAL-STACK READY ...} line, then runs until the JVM is told to stop (SIGTERM, Ctrl-C),
 * which stops both cleanly. Configured by environment variables: {@code PULSE_DATA_DIR}
 * (default {@code .local/data}), {@code KAFKA_PORT} (9092), {@code CLICKHOUSE_HTTP_PORT} (8123),
 * {@code CLICKHOUSE_TCP_PORT} (19000), {@code PULSE_BROKER_WARM_UP_RECORDS} (records written through
 * the broker and read back before READY, {@link BrokerWarmUp}; default 1,000,000, 0 turns it off).
 */
public final class LocalStack {

  /** Named so it never shadows the logback.xml of modules that only use this jar in tests. */
  private static final String LOGBACK_CONFIG = "local-stack-logback.xml";

  private LocalStack() {
  }

  public static void main(String[] args) throws InterruptedException {
    // Must happen before the first logger exists, hence no static Logger field in this class.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
    }
    Logger log = LoggerFactory.getLogger(LocalStack.class);
    Map<String, String> env = System.getenv();
    Path dataDir = Path.of(env.getOrDefault("PULSE_DATA_DIR", ".local/data")).toAbsolutePath();

    LocalClickHouse clickHouse;
    LocalKafka kafka;
    try {
      long started = System.nanoTime();
      clickHouse = LocalClickHouse.start(dataDir.resolve("clickhouse"),
          port(env, "CLICKHOUSE_HTTP_PORT", 8123), port(env, "CLICKHOUSE_TCP_PORT", 19000));
      long clickHouseUp = System.nanoTime();
      kafka = startKafkaOrStop(clickHouse, dataDir.resolve("kafka"), port(env, "KAFKA_PORT", 9092),
          Integer.parseInt(env.getOrDefault("PULSE_BROKER_WARM_UP_RECORDS", "1000000")));
      log.info("ClickHouse up in {} ms, Kafka up in {} ms, data in {}", (clickHouseUp - started) / 1_000_000,
          (System.nanoTime() - clickHouseUp) / 1_000_000, dataDir);
    } catch (RuntimeException e) {
      log.error("LOCAL-STACK FAILED", e);
      System.exit(1);
      return;
    }

    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      System.out.println("LOCAL-STACK STOPPING");
      try (clickHouse; kafka) {
        log.info("Stopping Kafka, then ClickHouse"); // try-with-resources closes in reverse order
      }
      System.out.println("LOCAL-STACK STOPPED");
    }, "local-stack-stopper"));
    // A ClickHouse that dies on its own must take the launcher down, so run-local.sh notices.
    clickHouse.onExit().thenRun(() -> {
      if (!stopping.get()) {
        log.error("clickhouse-server exited unexpectedly; see {}", clickHouse.dataDir().resolve("logs"));
        System.exit(1);
      }
    });

    System.out.println("LOCAL-STACK READY kafka=" + kafka.bootstrapServers() + " clickhouse=" + clickHouse.httpUrl());
    Thread.currentThread().join(); // until the JVM shuts down
  }

  private static LocalKafka startKafkaOrStop(LocalClickHouse clickHouse, Path dataDir, int port, int warmUpRecords) {
    LocalKafka kafka = null;
    try {
      kafka = LocalKafka.start(dataDir, port);
      BrokerWarmUp.run(kafka.bootstrapServers(), warmUpRecords);
      return kafka;
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      clickHouse.close();
      throw e;
    }
  }

  private static int port(Map<String, String> env, String name, int defaultPort) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'", e);
    }
  }
}
