package io.pulse.deployment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * infra/grafana/metrics-exported.txt: the sample names the services expose on /actuator/prometheus, as scraped
 * by infra/grafana/refresh-metrics-exported.sh. A line {@code name  # pending: why} is a metric promised but not yet
 * seen in a scrape.
 */
public record MetricCatalog(Set<String> exported, Map<String, String> pending) {

  private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:#\\s*(.*))?$");

  public static Path file() {
    return Repo.path("infra/grafana/metrics-exported.txt");
  }

  public static MetricCatalog load() {
    return parse(Repo.read(file()));
  }

  public static MetricCatalog parse(String text) {
    Set<String> exported = new java.util.TreeSet<>();
    Map<String, String> pending = new TreeMap<>();
    for (String raw : text.lines().toList()) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a metric name line in " + file() + ": " + raw);
      }
      String comment = matcher.group(2) == null ? "" : matcher.group(2);
      if (comment.startsWith("pending")) {
        pending.put(matcher.group(1), comment);
      } else {
        exported.add(matcher.group(1));
      }
    }
    return new MetricCatalog(exported, pending);
  }

  public boolean knows(String name) {
    return exported.contains(name) || pending.containsKey(name);
  }
}
