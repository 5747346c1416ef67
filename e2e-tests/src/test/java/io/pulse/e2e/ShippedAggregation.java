package io.pulse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * An aggregation the aggregator ships with: one entry of {@code pulse.aggregator.aggregations} in its
 * application.yml, read from the source so the demo test follows what is declared there.
 */
record ShippedAggregation(String name, String windowType, String size) {

  private static final Path APPLICATION_YML = Path.of(System.getProperty("pulse.repo.root", ".."))
      .resolve("aggregator-service/src/main/resources/application.yml");

  @SuppressWarnings("unchecked")
  static List<ShippedAggregation> all() {
    Map<String, Object> yaml;
    try {
      yaml = new Yaml().load(Files.readString(APPLICATION_YML));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> aggregator = (Map<String, Object>) ((Map<String, Object>) yaml.get("pulse")).get("aggregator");
    return ((List<Map<String, Object>>) aggregator.get("aggregations")).stream().map(definition -> {
      Map<String, Object> window = (Map<String, Object>) definition.get("window");
      return new ShippedAggregation(String.valueOf(definition.get("name")), String.valueOf(window.get("type")),
          String.valueOf(window.get("size")));
    }).toList();
  }

  /** The demo must close windows of these within minutes: 1-minute tumbling, hopping and session windows. */
  boolean needsFinalWindows() {
    return windowType.equals("tumbling") && size.equals("1m") || windowType.equals("hopping") || windowType.equals("session");
  }

  @Override
  public String toString() {
    return name + " (" + windowType + ")";
  }
}
