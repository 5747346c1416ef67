package io.pulse.query;

import io.pulse.localstack.LocalClickHouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real clickhouse-server per test JVM, on free ports, stopped when the JVM exits. */
public final class ClickHouseTestSupport {

  private static LocalClickHouse server;

  private ClickHouseTestSupport() {}

  public static synchronized LocalClickHouse server() {
    if (server == null) {
      try {
        server = LocalClickHouse.start(Files.createTempDirectory("query-api-clickhouse"), 0, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  public static void register(DynamicPropertyRegistry registry) {
    registry.add("pulse.clickhouse.url", () -> server().httpUrl());
  }
}
