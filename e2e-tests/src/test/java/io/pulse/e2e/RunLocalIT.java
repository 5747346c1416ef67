package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.localstack.FreePort;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a user runs it: {@code ./run-local.sh} (on the jars this build
 * made) must reach "ready", the curl example it prints must work as printed — the event posted with
 * the ingest key is counted on the leaderboard read with the read key — and SIGTERM must stop every
 * process it started, leaving no port bound. Local only: the script starts local servers itself, so
 * -Pcontainers leaves it out.
 */
@Tag(TestServers.LOCAL_ONLY)
class RunLocalIT {

  private static final Path ROOT = Path.of(System.getProperty("pulse.repo.root", "..")).toAbsolutePath().normalize();
  private static final Pattern READY = Pattern.compile("Pulse is running \\(ready in (\\d+) s\\)");
  private static final Pattern PRODUCT = Pattern.compile("\"entityId\":\"(product-\\d+)\"");
  private static final Pattern PAGE = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\?key=(\\S+)");

  private Process script;

  @AfterEach
  void stopScript() throws InterruptedException {
    if (script != null && script.isAlive()) {
      script.destroy();
      if (!script.waitFor(60, TimeUnit.SECONDS)) {
        script.destroyForcibly();
      }
    }
  }

  @Test
  void startsEverythingPrintsAWorkingExampleAndStopsCleanly() throws Exception {
    Path dir = Path.of(System.getProperty("pulse.work.dir", "target/e2e")).toAbsolutePath()
        .resolve("run-local-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    Path output = dir.resolve("run-local.out");
    Path pidsFile = dir.resolve("pids");
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String name : List.of("KAFKA_PORT", "CLICKHOUSE_HTTP_PORT", "CLICKHOUSE_TCP_PORT", "INGEST_PORT", "QUERY_PORT",
        "AGGREGATOR_PORT")) {
      ports.put(name, FreePort.pick());
    }

    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("run-local.sh").toString())
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    ports.forEach((name, port) -> builder.environment().put(name, String.valueOf(port)));
    builder.environment().putAll(Map.of(
        "PULSE_SKIP_BUILD", "1",   // the reactor built the jars this test is about
        "PULSE_DATA_DIR", dir.resolve("data").toString(),
        "PULSE_LOG_DIR", dir.resolve("logs").toString(),
        "PULSE_PIDS_FILE", pidsFile.toString(),
        "JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC"));
    script = builder.start();

    await("run-local.sh ready (output: " + output + ")").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
        .failFast("run-local.sh exited; output: " + output, () -> !script.isAlive())
        .until(() -> READY.matcher(read(output)).find() && read(output).contains("/v1/leaderboards/"));
    String printed = read(output);
    Matcher ready = READY.matcher(printed);
    assertThat(ready.find()).isTrue();
    System.out.printf("run-local.sh: ready in %s s (jars prebuilt, fresh data dir)%n", ready.group(1));
    // Its broker is its own, so it warms the broker up and the aggregator warms up through it (off by default).
    assertThat(read(dir.resolve("logs/local-stack.log"))).contains("Warmed up the broker with 1000000 records");
    assertThat(read(dir.resolve("logs/aggregator-service.log"))).contains("Warmed up live with 120000 synthetic events");

    List<String> examples = curlCommands(printed);
    assertThat(examples).as("the two printed curl commands").hasSize(2);
    Matcher product = PRODUCT.matcher(examples.get(0));
    assertThat(product.find()).as("the example posts to a product").isTrue();
    Matcher page = PAGE.matcher(printed);
    assertThat(page.find()).as("the page's URL with the read key").isTrue();
    assertThat(examples.get(1)).as("the printed read").contains("X-Api-Key: " + page.group(1));
    assertThat(examples.get(0)).as("the printed write: the ingest key, another one").doesNotContain(page.group(1));

    assertThat(bash(examples.get(0))).as("the printed POST").contains("HTTP/1.1 202").contains("\"accepted\":1");
    await("the posted event counted on the printed leaderboard").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(bash(examples.get(1)))
            .containsPattern("\"key\":\"" + product.group(1) + "\"[^}]*\"count\":1[,}]"));

    List<ProcessHandle> started = startedProcesses(pidsFile);
    assertThat(started).extracting(ProcessHandle::pid).hasSize(4);
    List<ProcessHandle> everything = new ArrayList<>(started);
    started.forEach(process -> process.descendants().forEach(everything::add));   // clickhouse-server
    assertThat(everything).hasSizeGreaterThan(started.size());

    script.destroy();   // SIGTERM, as a service manager or `kill` sends it
    assertThat(script.waitFor(90, TimeUnit.SECONDS)).as("run-local.sh exits after SIGTERM").isTrue();
    assertThat(read(output)).contains("Everything stopped.");
    assertThat(everything).as("no process left running").noneMatch(ProcessHandle::isAlive);
    ports.forEach((name, port) -> assertThat(canBind(port)).as("%s %d free again", name, port).isTrue());
  }

  /** The shell commands of the printed example: each starts with "curl", backslash-newline joins lines. */
  private static List<String> curlCommands(String printed) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = null;
    for (String line : printed.split("\n")) {
      String trimmed = line.strip();
      if (current == null && trimmed.startsWith("curl ")) {
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(trimmed.endsWith("\\") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
        if (!trimmed.endsWith("\\")) {
          commands.add(current.toString().strip());
          current = null;
        }
      }
    }
    return commands;
  }

  private static String bash(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit status of %s: %s", command, out).isZero();
    return out;
  }

  private static List<ProcessHandle> startedProcesses(Path pidsFile) throws IOException {
    List<ProcessHandle> processes = new ArrayList<>();
    for (String line : Files.readAllLines(pidsFile)) {
      long pid = Long.parseLong(line.substring(line.indexOf(' ') + 1).strip());
      processes.add(ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("not running: " + line)));
    }
    return processes;
  }

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
