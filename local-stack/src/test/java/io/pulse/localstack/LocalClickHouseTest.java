package io.pulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clickhouse-server process itself (start, restart, kill): local only, -Pcontainers leaves it out. */
@Tag("local-only")
class LocalClickHouseTest {

  @TempDir
  Path dataDir;

  /** Closed before the server: idle keep-alive connections would slow its graceful stop. */
  private HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void closeClient() {
    http.close();
  }

  @Test
  void answersSqlOverHttpAndReleasesItsPortAndProcessWhenClosed() throws Exception {
    LocalClickHouse clickHouse = LocalClickHouse.start(dataDir, 0, 0);
    try {
      assertThat(clickHouse.httpUrl()).isEqualTo("http://127.0.0.1:" + clickHouse.httpPort());
      assertThat(query(clickHouse, "SELECT 1")).isEqualTo("1");
      // 18.16 names the zone after the host's (Etc/UTC here), so check the offset instead.
      assertThat(query(clickHouse, "SELECT toString(toDateTime(86400))")).isEqualTo("1970-01-02 00:00:00");
    } finally {
      http.close();
      clickHouse.close();
    }

    assertThat(clickHouse.isRunning()).isFalse();
    assertThat(ProcessHandle.of(clickHouse.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatCode(() -> bindAndRelease(clickHouse.httpPort())).doesNotThrowAnyException();
    assertThatCode(() -> bindAndRelease(clickHouse.tcpPort())).doesNotThrowAnyException();
  }

  @Test
  void keepsInsertedRowsAcrossACrashAndRestart() throws Exception {
    LocalClickHouse clickHouse = LocalClickHouse.start(dataDir, 0, 0);
    try {
      query(clickHouse, "CREATE TABLE clicks (entity String, n UInt32) ENGINE = MergeTree ORDER BY entity");
      query(clickHouse, "INSERT INTO clicks VALUES ('product-42', 3), ('product-7', 1)");
      clickHouse.kill();
      assertThat(clickHouse.isRunning()).isFalse();

      clickHouse = clickHouse.restart();
      assertThat(query(clickHouse, "SELECT sum(n) FROM clicks")).isEqualTo("4");
    } finally {
      http.close();
      clickHouse.close();
    }
  }

  @Test
  void failsWithTheServerLogWhenItsPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalClickHouse.start(dataDir, taken.getLocalPort(), 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("clickhouse-server exited")
          .hasMessageContaining("Address already in use");
    }
  }

  private String query(LocalClickHouse clickHouse, String sql) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(clickHouse.httpUrl() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(sql))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s -> %s", sql, response.body()).isEqualTo(200);
    return response.body().strip();
  }

  private static void bindAndRelease(int port) throws IOException {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }
}
