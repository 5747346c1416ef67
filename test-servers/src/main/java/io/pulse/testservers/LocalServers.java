package io.pulse.testservers;

import io.pulse.localstack.LocalClickHouse;
import io.pulse.localstack.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;

/**
 * The default servers: local-stack's clickhouse-server process and in-JVM KRaft broker, exactly as
 * {@code ./run-local.sh} runs them. Tests that stop, kill or restart a server need these (they
 * reach the process through {@link #process}); such tests carry the tag {@value TestServers#LOCAL_ONLY}.
 */
public final class LocalServers {

  private LocalServers() {}

  /** A local ClickHouse, with the passwordless {@code default} user the local config defines. */
  public record ClickHouse(LocalClickHouse process, Path ownedDir) implements ClickHouseServer {

    @Override
    public String httpUrl() {
      return process.httpUrl();
    }

    @Override
    public String username() {
      return "default";
    }

    @Override
    public String password() {
      return "";
    }

    @Override
    public void close() {
      process.close();
      deleteOwned(ownedDir);
    }
  }

  /** A local broker in this JVM. */
  public record Kafka(LocalKafka process, Path ownedDir) implements KafkaServer {

    @Override
    public String bootstrapServers() {
      return process.bootstrapServers();
    }

    @Override
    public void close() {
      process.close();
      deleteOwned(ownedDir);
    }
  }

  /** The process behind a server, for tests that stop or restart it; fails for a container. */
  public static LocalClickHouse process(ClickHouseServer server) {
    if (server instanceof ClickHouse local) {
      return local.process();
    }
    throw new IllegalStateException(notLocal(server));
  }

  /** The broker behind a server, for tests that stop or restart it; fails for a container. */
  public static LocalKafka process(KafkaServer server) {
    if (server instanceof Kafka local) {
      return local.process();
    }
    throw new IllegalStateException(notLocal(server));
  }

  static ClickHouse clickHouse(Path dir) {
    Path owned = dir == null ? tempDir("pulse-test-clickhouse") : null;
    return new ClickHouse(LocalClickHouse.start(dir == null ? owned : dir, 0, 0), owned);
  }

  static Kafka kafka(Path dir) {
    Path owned = dir == null ? tempDir("pulse-test-kafka") : null;
    return new Kafka(LocalKafka.start(dir == null ? owned : dir, 0), owned);
  }

  private static String notLocal(Object server) {
    return server + " is not a local server process: a test that stops or restarts servers must carry @Tag(\""
        + TestServers.LOCAL_ONLY + "\"), which -Pcontainers leaves out";
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOwned(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
