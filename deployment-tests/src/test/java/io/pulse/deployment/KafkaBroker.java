package io.pulse.deployment;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The kafka service's listeners, read from the apache/kafka image's KAFKA_* environment. */
final class KafkaBroker {

  static final String SERVICE = "kafka";

  private KafkaBroker() {}

  /** Listener name to advertised host:port. */
  static Map<String, String> advertised(ComposeFile compose) {
    return listeners(compose.service(SERVICE).environment().get("KAFKA_ADVERTISED_LISTENERS"));
  }

  /** Listener name to bound host:port (host may be empty). */
  static Map<String, String> bound(ComposeFile compose) {
    return listeners(compose.service(SERVICE).environment().get("KAFKA_LISTENERS"));
  }

  /** The advertised address on the compose network: the one whose host is the service name. */
  static String internalBootstrap(ComposeFile compose) {
    return advertised(compose).values().stream().filter(address -> address.startsWith(SERVICE + ":")).findFirst()
        .orElseThrow(() -> new AssertionError("no advertised listener at " + SERVICE + ":<port>"));
  }

  static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  private static Map<String, String> listeners(String spec) {
    if (spec == null) {
      throw new AssertionError("kafka has no listeners configured");
    }
    return Arrays.stream(spec.split(","))
        .map(String::strip)
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf("://")), l -> l.substring(l.indexOf("://") + 3), (a, b) -> a,
            java.util.LinkedHashMap::new));
  }
}
