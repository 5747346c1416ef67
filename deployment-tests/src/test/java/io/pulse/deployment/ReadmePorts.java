package io.pulse.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default ports the README's table promises (the ports of DESIGN.md, which lives outside the
 * repository): "| service | default | what |", then one row per port.
 */
final class ReadmePorts {

  /** The README's label for each port, and the compose service that owns it. */
  static final Map<String, String> SERVICE_BY_LABEL = Map.of(
      "ingest-service", "ingest-service",
      "query-api + UI", "query-api",
      "aggregator-service", "aggregator-service",
      "Kafka", "kafka",
      "ClickHouse HTTP", "clickhouse");

  private static final Pattern TABLE = Pattern.compile("^\\| service \\| default \\| what \\|\\n\\|[-|]+\\|\\n((?:\\|.*\\n)+)",
      Pattern.MULTILINE);
  private static final Pattern ROW = Pattern.compile("^\\| ([^|]*\\S) \\| (\\d{2,5}) \\|");

  private ReadmePorts() {}

  /** Label (as written in the README) to port. */
  static Map<String, Integer> ports() {
    Matcher table = TABLE.matcher(Repo.read(Repo.path("README.md")));
    if (!table.find()) {
      throw new AssertionError("README.md has no '| service | default | what |' table");
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String line : table.group(1).split("\n")) {
      Matcher row = ROW.matcher(line);
      if (!row.find()) {
        throw new AssertionError("cannot read a port from README row '" + line + "'");
      }
      ports.put(row.group(1), Integer.parseInt(row.group(2)));
    }
    return ports;
  }

  /** The port the README promises for a compose service. */
  static int portOf(String composeService) {
    return SERVICE_BY_LABEL.entrySet().stream()
        .filter(entry -> entry.getValue().equals(composeService))
        .map(entry -> ports().get(entry.getKey()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("README.md names no port for " + composeService));
  }
}
