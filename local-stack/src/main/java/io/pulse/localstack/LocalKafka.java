package io.pulse.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 * Its log directory lives under {@code dataDir}, so topics and offsets survive a restart on the
 * same directory.
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final int port;
  private boolean closed;

  private LocalKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the broker and returns once it answers an Admin request.
   *
   * @param dataDir where the broker keeps its logs and metadata; created and formatted if new
   * @param port    the client (PLAINTEXT) port, or 0 for a free one; the controller always
   *                gets a free port of its own
   */
  public static LocalKafka start(Path dataDir, int port) {
    int brokerPort = FreePort.orPick(port);
    Path logDir = dataDir.toAbsolutePath().resolve("kraft-combined-logs");
    KafkaConfig config = new KafkaConfig(brokerProperties(logDir, brokerPort, FreePort.pick()), false);
    formatIfNew(logDir);

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    LocalKafka kafka = new LocalKafka(server, brokerPort);
    try {
      server.startup();
      kafka.awaitAnswering();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Shuts the broker down and waits until it has released its ports and log directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
  }

  private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
        Map.entry("controller.listener.names", CONTROLLER_LISTENER),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
            + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", logDir.toString()),
        Map.entry("num.partitions", "6"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        // One broker: the internal topics can have only one replica. Without this for the
        // transaction log an exactly_once_v2 app hangs silently.
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        // 50 partitions each (the default) make the first consumer group and the first
        // transaction noticeably slow on a 2-core laptop; 6 is plenty for one node.
        Map.entry("offsets.topic.num.partitions", "6"),
        Map.entry("transaction.state.log.num.partitions", "6"),
        // Tests and local runs want consumers assigned at once, not after 3 s.
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // Topics are declared (contracts' topic specs); a typo must fail, not create a topic.
        Map.entry("auto.create.topics.enable", "false")));
    return props;
  }

  /** Same job as {@code kafka-storage.sh format}, done only for a fresh directory. */
  private static void formatIfNew(Path logDir) {
    if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      // The Formatter narrates to a PrintStream; our log line below says the same once.
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toString())
          .addDirectory(logDir.toString())
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("could not create Kafka log directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
    }
    log.info("Formatted new KRaft storage in {}", logDir);
  }

  /** startup() returns once the broker is unfenced; this proves a client really gets answers. */
  private void awaitAnswering() {
    Map<String, Object> adminConfig = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(adminConfig)) {
      Collection<Node> nodes = admin.describeCluster().nodes()
          .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (nodes.isEmpty()) {
        throw new IllegalStateException("Kafka on " + bootstrapServers() + " reports no live broker");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not answer within "
          + READY_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }
}
