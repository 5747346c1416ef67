package io.pulse.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service of the compose file, with the short and long syntaxes Compose accepts normalised. */
record ComposeService(String name, Map<String, Object> spec, Path composeDir) {

  record PortMapping(int host, int container) {}

  /** source is a path resolved against the compose file's folder for bind mounts, else the volume name. */
  record Mount(String source, boolean bind, String target, boolean readOnly) {}

  String image() {
    return string(spec.get("image")).orElse("");
  }

  /** How Compose builds the image: context, the Dockerfile (default: Dockerfile in the context) and its target stage. */
  record Build(Path context, Path dockerfile, Optional<String> target) {}

  Optional<Build> build() {
    Object build = spec.get("build");
    if (build == null) {
      return Optional.empty();
    }
    Map<?, ?> options = build instanceof Map<?, ?> map ? map : Map.of("context", build);
    Path context = composeDir.resolve(String.valueOf(options.get("context"))).normalize();
    Path dockerfile = context.resolve(string(options.get("dockerfile")).orElse("Dockerfile")).normalize();
    return Optional.of(new Build(context, dockerfile, string(options.get("target"))));
  }

  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    Object environment = spec.get("environment");
    if (environment instanceof Map<?, ?> map) {
      map.forEach((key, value) -> env.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
    } else if (environment instanceof List<?> list) {
      for (Object entry : list) {
        String text = String.valueOf(entry);
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      }
    }
    return env;
  }

  List<PortMapping> ports() {
    List<PortMapping> ports = new ArrayList<>();
    for (Object entry : list(spec.get("ports"))) {
      if (entry instanceof Map<?, ?> map) {
        int target = Integer.parseInt(String.valueOf(map.get("target")));
        Object published = map.get("published");
        ports.add(new PortMapping(published == null ? target : Integer.parseInt(String.valueOf(published)), target));
      } else {
        String[] parts = String.valueOf(entry).replaceFirst("/tcp$", "").split(":");
        int container = Integer.parseInt(parts[parts.length - 1]);
        ports.add(new PortMapping(parts.length == 1 ? container : Integer.parseInt(parts[parts.length - 2]), container));
      }
    }
    return ports;
  }

  /** The one published port, for services that publish exactly one. */
  PortMapping port() {
    List<PortMapping> ports = ports();
    if (ports.size() != 1) {
      throw new AssertionError(name + " publishes " + ports + ", expected exactly one port");
    }
    return ports.getFirst();
  }

  List<Mount> mounts() {
    List<Mount> mounts = new ArrayList<>();
    for (Object entry : list(spec.get("volumes"))) {
      String source;
      String target;
      boolean readOnly;
      if (entry instanceof Map<?, ?> map) {
        source = String.valueOf(map.get("source"));
        target = String.valueOf(map.get("target"));
        readOnly = Boolean.TRUE.equals(map.get("read_only"));
      } else {
        String[] parts = String.valueOf(entry).split(":");
        source = parts[0];
        target = parts.length > 1 ? parts[1] : parts[0];
        readOnly = parts.length > 2 && parts[2].contains("ro");
      }
      boolean bind = source.startsWith(".") || source.startsWith("/");
      String normalizedTarget = target.length() > 1 ? target.replaceFirst("/+$", "") : target;
      mounts.add(new Mount(bind ? composeDir.resolve(source).normalize().toString() : source, bind, normalizedTarget, readOnly));
    }
    return mounts;
  }

  /** The host path bind-mounted at target, if any. */
  Optional<Path> bindSourceOf(String target) {
    return mounts().stream().filter(m -> m.bind() && m.target().equals(target)).map(m -> Path.of(m.source())).findFirst();
  }

  /** Service name to condition; the short list form means service_started, as in Compose. */
  Map<String, String> dependsOn() {
    Map<String, String> conditions = new LinkedHashMap<>();
    Object dependsOn = spec.get("depends_on");
    if (dependsOn instanceof Map<?, ?> map) {
      map.forEach((service, options) -> conditions.put(String.valueOf(service),
          options instanceof Map<?, ?> o && o.get("condition") != null ? String.valueOf(o.get("condition")) : "service_started"));
    } else {
      list(dependsOn).forEach(service -> conditions.put(String.valueOf(service), "service_started"));
    }
    return conditions;
  }

  /** The healthcheck command as one string (CMD / CMD-SHELL prefix removed), unless none or disabled. */
  Optional<String> healthcheck() {
    if (!(spec.get("healthcheck") instanceof Map<?, ?> healthcheck) || Boolean.TRUE.equals(healthcheck.get("disable"))) {
      return Optional.empty();
    }
    Object test = healthcheck.get("test");
    if (test instanceof List<?> parts && !parts.isEmpty()) {
      String kind = String.valueOf(parts.getFirst());
      if (kind.equals("NONE")) {
        return Optional.empty();
      }
      List<String> words = parts.stream().map(String::valueOf).toList();
      return Optional.of(String.join(" ", kind.startsWith("CMD") ? words.subList(1, words.size()) : words));
    }
    return string(test);
  }

  Optional<String> memoryLimit() {
    if (spec.get("deploy") instanceof Map<?, ?> deploy && deploy.get("resources") instanceof Map<?, ?> resources
        && resources.get("limits") instanceof Map<?, ?> limits && limits.get("memory") != null) {
      return Optional.of(String.valueOf(limits.get("memory")));
    }
    return string(spec.get("mem_limit"));
  }

  String restart() {
    return string(spec.get("restart")).orElse("no");
  }

  /** A one-shot job: never restarted, so others wait for it with service_completed_successfully. */
  boolean oneShot() {
    return restart().equals("no");
  }

  List<String> command() {
    return list(spec.get("command")).stream().map(String::valueOf).toList();
  }

  Object get(String key) {
    return spec.get(key);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private static Optional<String> string(Object value) {
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }
}
