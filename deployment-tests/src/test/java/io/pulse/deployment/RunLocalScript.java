package io.pulse.deployment;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The port variables of run-local.sh and their defaults (KAFKA_PORT="${KAFKA_PORT:-9092}"): compose uses the same. */
final class RunLocalScript {

  private static final Pattern PORT_DEFAULT = Pattern.compile("^([A-Z_]+_PORT)=\"\\$\\{\\1:-(\\d+)}\"", Pattern.MULTILINE);

  private RunLocalScript() {}

  static Map<String, Integer> portDefaults() {
    Map<String, Integer> ports = new TreeMap<>();
    Matcher matcher = PORT_DEFAULT.matcher(Repo.read(Repo.path("run-local.sh")));
    while (matcher.find()) {
      ports.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }
    return ports;
  }
}
