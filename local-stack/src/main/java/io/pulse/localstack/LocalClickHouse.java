package io.pulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ClickHouse server running as a child process of this JVM, with its config, data and logs in
 * one directory. Its output goes to {@code DATA_DIR/logs/stdout.log}, never to our console.
 */
public final class LocalClickHouse implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalClickHouse.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Servers not yet stopped; the JVM stops them on exit so no clickhouse-server is orphaned. */
  private static final Set<LocalClickHouse> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> RUNNING.forEach(LocalClickHouse::close), "local-clickhouse-stopper"));
  }

  private final Path dataDir;
  private final int httpPort;
  private final int tcpPort;
  private final Process process;
  private boolean stopped;

  private LocalClickHouse(Path dataDir, int httpPort, int tcpPort, Process process) {
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
    this.process = process;
  }

  /**
   * Writes the config into {@code dataDir}, starts the server and returns once {@code /ping}
   * answers. A port of 0 means a free one. Starting again with the same directory keeps the data.
   *
   * @throws IllegalStateException if no ClickHouse server is installed or it does not come up
   */
  public static LocalClickHouse start(Path dataDir, int httpPort, int tcpPort) {
    List<String> command = new ArrayList<>(ClickHouseBinary.locate());
    Path dir = dataDir.toAbsolutePath();
    int http = FreePort.orPick(httpPort);
    int tcp = FreePort.orPick(tcpPort);
    command.add("--config-file=" + ClickHouseConfig.write(dir, http, tcp));

    LocalClickHouse server = new LocalClickHouse(dir, http, tcp, launch(command, dir));
    RUNNING.add(server);
    try {
      server.awaitPing();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Stops this server if it still runs and starts a new one on the same directory and ports. */
  public LocalClickHouse restart() {
    close();
    return start(dataDir, httpPort, tcpPort);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  public int tcpPort() {
    return tcpPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Completes when the server process has exited, for whatever reason. */
  public CompletableFuture<Void> onExit() {
    return process.onExit().thenApply(p -> null);
  }

  /**
   * SIGTERM, then waits for the exit (SIGKILL after 10 s), so the ports and directory are free.
   * Close your ClickHouse clients first: ClickHouse 18.16 waits 5 + 10 s for the threads of idle
   * keep-alive connections before it exits, so an open connection pool turns this into a kill.
   */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    process.destroy();
    awaitExit(STOP_TIMEOUT);
  }

  /** SIGKILL, like a crash: ClickHouse gets no chance to flush or clean up. Waits for the exit. */
  public synchronized void kill() {
    process.destroyForcibly();
    awaitExit(STOP_TIMEOUT);
  }

  private static Process launch(List<String> command, Path dir) {
    Path output = dir.resolve("logs/stdout.log");
    try {
      return new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(output.toFile()))
          .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + String.join(" ", command), e);
    }
  }

  /**
   * The client is closed afterwards on purpose: an idle keep-alive connection left open would
   * delay the server's graceful stop by 10+ s.
   */
  private void awaitPing() {
    HttpRequest ping = HttpRequest.newBuilder(URI.create(httpUrl() + "/ping"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    IOException lastFailure = null;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw startFailure("clickhouse-server exited with code " + process.exitValue(), lastFailure);
        }
        try {
          HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().strip().equals("Ok.")) {
            return;
          }
        } catch (IOException e) {
          lastFailure = e; // connection refused until the server listens: try again
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
        }
        pause(Duration.ofMillis(50));
      }
    }
    throw startFailure("ClickHouse did not answer " + httpUrl() + "/ping within "
        + START_TIMEOUT.toSeconds() + " s", lastFailure);
  }

  /** Waits on the process itself, so a dying server ends the pause at once. */
  private void pause(Duration duration) {
    try {
      process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
    }
  }

  private void awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("clickhouse-server (pid {}) ignored SIGTERM for {} s; killing it", pid(), timeout.toSeconds());
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping ClickHouse; killed it", e);
    } finally {
      stopped = !process.isAlive();
      if (stopped) {
        RUNNING.remove(this);
      }
    }
  }

  private IllegalStateException startFailure(String message, Exception cause) {
    return new IllegalStateException(message + "\n--- last lines of " + ClickHouseConfig.errorLog(dataDir) + " ---\n"
        + tail(ClickHouseConfig.errorLog(dataDir)) + "\n--- last lines of its stdout/stderr ---\n"
        + tail(dataDir.resolve("logs/stdout.log")), cause);
  }

  private static String tail(Path file) {
    if (!Files.exists(file)) {
      return "(no " + file.getFileName() + ")";
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }
}
