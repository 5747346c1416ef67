package io.pulse.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spring Boot service of the reactor (a module with src/main/resources/application.yml), and what its
 * configuration can bind: the keys of its application.yml, the env placeholders in it, and the properties of the
 * {@code @ConfigurationProperties} records in its packages and in the Pulse modules it depends on.
 */
final class ServiceModule {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** Environment variables a JVM or the image reads itself; they bind to no Spring property. */
  static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

  private final String name;
  private final Path dir;
  private final Path applicationYml;

  private ServiceModule(String name) {
    this.name = name;
    this.dir = Repo.path(name);
    this.applicationYml = dir.resolve("src/main/resources/application.yml");
  }

  static List<ServiceModule> all() {
    return Repo.modules().stream()
        .filter(module -> Files.isRegularFile(Repo.path(module).resolve("src/main/resources/application.yml")))
        .map(ServiceModule::new)
        .toList();
  }

  static ServiceModule named(String name) {
    return all().stream().filter(m -> m.name.equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no service module " + name));
  }

  String name() {
    return name;
  }

  Path dir() {
    return dir;
  }

  Map<String, Object> applicationYaml() {
    return Repo.yaml(applicationYml);
  }

  /** spring.application.name: the compose service, the Prometheus job and the metrics tag all use it. */
  String applicationName() {
    return String.valueOf(value("spring.application.name").orElseThrow());
  }

  /** The port it listens on when no env var overrides it: the default of server.port's placeholder. */
  int defaultPort() {
    String port = String.valueOf(value("server.port").orElse("8080"));
    Matcher placeholder = PLACEHOLDER.matcher(port);
    return Integer.parseInt(placeholder.matches() ? placeholder.group(2) : port);
  }

  /** The env var named in server.port's placeholder, e.g. INGEST_PORT. */
  Optional<String> portVariable() {
    Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value("server.port").orElse("")));
    return placeholder.matches() ? Optional.of(placeholder.group(1)) : Optional.empty();
  }

  Optional<Object> value(String dottedKey) {
    Object node = applicationYaml();
    for (String part : dottedKey.split("\\.")) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return Optional.empty();
      }
      node = map.get(part);
    }
    return Optional.ofNullable(node);
  }

  /** How an env var reaches this service's configuration, or empty when it would be silently ignored. */
  Optional<String> bindingOf(String variable) {
    if (JVM_ENVIRONMENT.contains(variable)) {
      return Optional.of("read by the JVM");
    }
    if (placeholders().contains(variable)) {
      return Optional.of("placeholder ${" + variable + "} in application.yml");
    }
    for (String key : yamlKeys()) {
      if (RelaxedNames.binds(variable, key, false)) {
        return Optional.of("overrides " + key + " of application.yml");
      }
    }
    for (ConfigurationPropertyNames.Property property : configurationProperties()) {
      if (RelaxedNames.binds(variable, property.name(), property.container())) {
        return Optional.of("binds " + property.name() + " (" + property.source() + ")");
      }
    }
    return Optional.empty();
  }

  Set<String> placeholders() {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(Repo.read(applicationYml));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Every leaf key of application.yml, dotted; a list counts as one leaf. */
  Set<String> yamlKeys() {
    Set<String> keys = new TreeSet<>();
    flatten("", applicationYaml(), keys);
    return keys;
  }

  List<ConfigurationPropertyNames.Property> configurationProperties() {
    List<ConfigurationPropertyNames.Property> properties = new ArrayList<>();
    for (String module : withPulseDependencies()) {
      String basePackage = basePackage(Repo.path(module));
      if (basePackage.split("\\.").length < 3) {
        throw new IllegalStateException(module + "'s classes share only package '" + basePackage
            + "': scanning it would mix in other modules' configuration");
      }
      properties.addAll(ConfigurationPropertyNames.scan(basePackage));
    }
    return properties;
  }

  /** This module and the reactor modules it depends on at run time (compile or runtime scope). */
  Set<String> withPulseDependencies() {
    Set<String> modules = new LinkedHashSet<>(List.of(name));
    Reactor.dependencies(name).stream()
        .filter(Reactor.Dependency::atRunTime)
        .map(Reactor.Dependency::module)
        .filter(module -> Files.isDirectory(Repo.path(module).resolve("src/main/java")))
        .forEach(modules::add);
    return modules;
  }

  /** The longest package every main source file of a module shares, e.g. io.pulse.ingest. */
  static String basePackage(Path moduleDir) {
    List<String> packages;
    try (Stream<Path> files = Files.walk(moduleDir.resolve("src/main/java"))) {
      packages = files.filter(f -> f.toString().endsWith(".java"))
          .map(f -> {
            Matcher matcher = PACKAGE.matcher(Repo.read(f));
            return matcher.find() ? matcher.group(1) : "";
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String common = packages.getFirst();
    for (String pkg : packages) {
      while (!(pkg.equals(common) || pkg.startsWith(common + "."))) {
        common = common.contains(".") ? common.substring(0, common.lastIndexOf('.')) : "";
      }
    }
    return common;
  }

  private static void flatten(String prefix, Object node, Set<String> keys) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, keys));
    } else {
      keys.add(prefix);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
