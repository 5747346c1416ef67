package io.pulse.deployment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** docker-compose.yml as Compose reads it: merge keys resolved, variables interpolated with their defaults. */
final class ComposeFile {

  private final Path file;
  private final Map<String, ComposeService> services = new LinkedHashMap<>();
  private final Map<String, Object> raw;

  private ComposeFile(Path file, Map<String, String> environment) {
    this.file = file;
    this.raw = Repo.yaml(file);
    @SuppressWarnings("unchecked")
    Map<String, Object> resolved = (Map<String, Object>) new ComposeInterpolation(environment).apply(raw);
    @SuppressWarnings("unchecked")
    Map<String, Object> specs = (Map<String, Object>) resolved.get("services");
    specs.forEach((name, spec) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) spec;
      services.put(name, new ComposeService(name, map, file.getParent()));
    });
  }

  /** The repository's compose file with every variable at its default (an empty environment). */
  static ComposeFile load() {
    return new ComposeFile(Repo.path("docker-compose.yml"), Map.of());
  }

  Map<String, ComposeService> services() {
    return services;
  }

  ComposeService service(String name) {
    ComposeService service = services.get(name);
    if (service == null) {
      throw new AssertionError(file + " has no service " + name + "; it has " + services.keySet());
    }
    return service;
  }

  /** The file before interpolation, e.g. to see which variable a value comes from. */
  Map<String, Object> raw() {
    return raw;
  }

  /** The named volumes declared at the top level. */
  @SuppressWarnings("unchecked")
  Map<String, Object> volumes() {
    Object volumes = raw.get("volumes");
    return volumes == null ? Map.of() : (Map<String, Object>) volumes;
  }
}
