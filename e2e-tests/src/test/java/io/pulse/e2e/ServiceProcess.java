package io.pulse.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the platform as its own JVM process, started from its executable jar. */
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Map<String, String> env;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Map<String, String> env, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.env = Map.copyOf(env);
    this.log = log;
    this.process = process;
  }

  /** Starts {@code name}'s jar (path from system property {@code pulse.jar.NAME}) on {@code port}. */
  static ServiceProcess start(String name, int port, Map<String, String> env, Path logDir) {
    return launch(name, port, env, logDir.resolve(name + ".log"));
  }

  /** The same service again (same port, environment and log file), e.g. after {@link #kill()}. */
  ServiceProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " still runs; kill or close it first");
    }
    return launch(name, port, env, log);
  }

  /** Starts the jar with its output appended to {@code log}, so a restarted service keeps its history. */
  static ServiceProcess launch(String name, int port, Map<String, String> env, Path log) {
    Path jar = Path.of(System.getProperty("pulse.jar." + name, "missing"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(name + " jar not found at " + jar + ": run ./mvnw verify from the repository root");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--server.port=" + port));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      return new ServiceProcess(name, port, env, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  ServiceProcess awaitHealthy(Duration timeout) {
    await(name + " healthy on port " + port).atMost(timeout).pollInterval(Duration.ofMillis(250))
        .failFast(name + " exited; log: " + log, () -> !process.isAlive())
        .until(() -> healthStatus() == 200);
    return this;
  }

  private int healthStatus() {
    try {
      return HTTP.send(HttpRequest.newBuilder(url("/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  Map<String, String> env() {
    return env;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Crash: no shutdown hooks, no final commit. */
  void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  @Override
  public void close() {
    process.destroy();
    waitForExit();
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
