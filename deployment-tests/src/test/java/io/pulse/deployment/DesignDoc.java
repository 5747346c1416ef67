package io.pulse.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The default ports DESIGN.md promises ("- Ports (defaults, each overridable by env): ingest 8081, ..."). */
final class DesignDoc {

  /** DESIGN.md's label for each port, and the compose service that owns it. */
  static final Map<String, String> SERVICE_BY_LABEL = Map.of(
      "ingest", "ingest-service",
      "query-api + UI", "query-api",
      "aggregator actuator", "aggregator-service",
      "Kafka", "kafka",
      "ClickHouse HTTP", "clickhouse");

  private static final Pattern PORTS = Pattern.compile("^- Ports[^:]*:(.*?)(?=^- |^#|\\z)", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern ITEM = Pattern.compile("^(.*\\S)\\s+(\\d{2,5})$");

  private DesignDoc() {}

  /**
   * DESIGN.md: -Dpulse.design.doc, else DESIGN.md or docs/DESIGN.md in the repository, else the team's shared copy
   * next to it (../shared/DESIGN.md). Empty when there is none (a fresh clone without the shared folder).
   */
  static Optional<Path> file() {
    String configured = System.getProperty("pulse.design.doc");
    Stream<Path> candidates = configured != null
        ? Stream.of(Path.of(configured))
        : Stream.of(Repo.path("DESIGN.md"), Repo.path("docs/DESIGN.md"), Repo.path("../shared/DESIGN.md"));
    return candidates.filter(Files::isRegularFile).findFirst();
  }

  /** Label (as written in DESIGN.md) to port. */
  static Map<String, Integer> ports() {
    Path file = file().orElseThrow(() -> new IllegalStateException("no DESIGN.md found"));
    Matcher section = PORTS.matcher(Repo.read(file));
    if (!section.find()) {
      throw new AssertionError(file + " has no '- Ports ...:' line");
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String item : section.group(1).replaceAll("\\s+", " ").replaceFirst("\\.\\s*$", "").split(",")) {
      Matcher matcher = ITEM.matcher(item.strip());
      if (!matcher.matches()) {
        throw new AssertionError("cannot read a port from '" + item.strip() + "' in " + file);
      }
      ports.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }
    return ports;
  }

  /** The port DESIGN.md promises for a compose service. */
  static int portOf(String composeService) {
    return SERVICE_BY_LABEL.entrySet().stream()
        .filter(entry -> entry.getValue().equals(composeService))
        .map(entry -> ports().get(entry.getKey()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("DESIGN.md names no port for " + composeService));
  }
}
