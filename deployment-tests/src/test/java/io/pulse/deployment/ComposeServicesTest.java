package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three Pulse services in docker-compose.yml agree with their modules: ports, env vars, images, start order. */
class ComposeServicesTest {

  private static final ComposeFile COMPOSE = ComposeFile.load();
  private static final Pattern HOST_PORT_VARIABLE = Pattern.compile("^\\$\\{([A-Z_]+):-(\\d+)}:(\\d+)$");

  static Stream<ServiceModule> services() {
    return ServiceModule.all().stream();
  }

  @Test
  void every_service_module_is_a_compose_service_of_the_same_name_built_from_its_stage_of_the_root_dockerfile() {
    assertThat(ServiceModule.all()).extracting(ServiceModule::name)
        .containsExactlyInAnyOrder("ingest-service", "aggregator-service", "query-api");
    for (ServiceModule module : ServiceModule.all()) {
      assertThat(module.applicationName()).as("spring.application.name of %s (= compose service, Prometheus job, metrics tag)", module)
          .isEqualTo(module.name());
      assertThat(COMPOSE.service(module.name()).build()).as("build of %s: one recipe for every service", module)
          .contains(new ComposeService.Build(Repo.root(), Repo.path("Dockerfile"), Optional.of(module.name())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void publishes_the_port_its_application_yml_listens_on(ServiceModule module) {
    ComposeService service = COMPOSE.service(module.name());
    assertThat(service.port().container()).as("container port of %s vs server.port in application.yml", module)
        .isEqualTo(module.defaultPort());
    module.portVariable().filter(service.environment()::containsKey).ifPresent(variable ->
        assertThat(service.environment().get(variable)).as("%s sets %s", module, variable)
            .isEqualTo(String.valueOf(service.port().container())));
  }

  @Test
  void host_ports_use_run_local_sh_variables_and_defaults() {
    Map<String, Integer> runLocal = RunLocalScript.portDefaults();
    assertThat(runLocal).containsKeys("KAFKA_PORT", "CLICKHOUSE_HTTP_PORT", "INGEST_PORT", "QUERY_PORT", "AGGREGATOR_PORT");
    Map<String, String> variableByService = Map.of("kafka", "KAFKA_PORT", "clickhouse", "CLICKHOUSE_HTTP_PORT",
        "ingest-service", "INGEST_PORT", "query-api", "QUERY_PORT", "aggregator-service", "AGGREGATOR_PORT");
    variableByService.forEach((service, variable) -> {
      Matcher published = HOST_PORT_VARIABLE.matcher(rawPorts(service).getFirst());
      assertThat(published.matches()).as("%s publishes ${%s:-default}:port, got %s", service, variable, rawPorts(service)).isTrue();
      assertThat(published.group(1)).as("host port variable of %s", service).isEqualTo(variable);
      assertThat(Integer.parseInt(published.group(2))).as("default host port of %s (run-local.sh)", service)
          .isEqualTo(runLocal.get(variable));
    });
  }

  @Test
  void host_ports_are_the_ones_the_readme_promises() {
    assertThat(ReadmePorts.ports().keySet()).as("port labels in the README").containsExactlyInAnyOrderElementsOf(
        ReadmePorts.SERVICE_BY_LABEL.keySet());
    ReadmePorts.SERVICE_BY_LABEL.values().forEach(service ->
        assertThat(COMPOSE.service(service).port().host()).as("host port of %s", service).isEqualTo(ReadmePorts.portOf(service)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void every_environment_variable_binds_to_configuration_the_service_has(ServiceModule module) {
    List<String> unbound = new ArrayList<>();
    COMPOSE.service(module.name()).environment().keySet().forEach(variable -> {
      if (module.bindingOf(variable).isEmpty()) {
        unbound.add(variable);
      }
    });
    assertThat(unbound).as("env vars of %s that bind to nothing in its application.yml or @ConfigurationProperties "
        + "(a typo, or configuration the service does not have)", module).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void health_check_asks_actuator_health_on_the_service_port(ServiceModule module) {
    assertThat(COMPOSE.service(module.name()).healthcheck()).as("healthcheck of %s", module).hasValueSatisfying(check ->
        assertThat(check).containsPattern("(127\\.0\\.0\\.1|localhost):" + module.defaultPort() + "/actuator/health\\b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void waits_for_the_kafka_and_clickhouse_it_connects_to(ServiceModule module) {
    ComposeService service = COMPOSE.service(module.name());
    Map<String, String> env = service.environment();
    if (env.containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS")) {
      for (String server : env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS").split(",")) {
        String host = server.strip().split(":")[0];
        assertThat(KafkaBroker.internalBootstrap(COMPOSE)).as("%s bootstrap vs the broker's in-network listener", module)
            .isEqualTo(server.strip());
        assertThat(StartOrder.waitsFor(COMPOSE, module.name(), host)).as("%s waits for %s to be healthy", module, host).isTrue();
      }
    }
    if (env.containsKey("PULSE_CLICKHOUSE_URL")) {
      var url = java.net.URI.create(env.get("PULSE_CLICKHOUSE_URL"));
      ComposeService clickhouse = COMPOSE.service(url.getHost());
      assertThat(clickhouse.image()).startsWith("clickhouse/clickhouse-server");
      assertThat(url.getPort()).as("ClickHouse HTTP port").isEqualTo(clickhouse.port().container());
      assertThat(StartOrder.waitsFor(COMPOSE, module.name(), url.getHost())).as("%s waits for ClickHouse", module).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void image_runs_the_jar_the_build_makes_on_the_project_java_version_as_a_non_root_user(ServiceModule module) {
    Dockerfile dockerfile = Dockerfile.parse(Repo.path("Dockerfile"));
    Dockerfile.Stage stage = dockerfile.target(Optional.of(module.name()));
    String javaVersion = Repo.rootPomProperty("java.version");
    String jar = module.name() + "-" + Repo.pomValue(Repo.path("pom.xml"), "version") + "-exec.jar";

    assertThat(dockerfile.baseImage(stage)).as("runtime image of %s", module)
        .matches("eclipse-temurin:" + javaVersion + "(\\.[\\d.]+)?-jre");
    Dockerfile.Instruction copy = stage.all("COPY").stream().filter(c -> c.flags().containsKey("from")).findFirst()
        .orElseThrow(() -> new AssertionError("stage " + module + " copies no jar from the build stage"));
    Dockerfile.Stage build = dockerfile.stage(copy.flags().get("from")).orElseThrow();
    assertThat(dockerfile.baseImage(build)).as("build image").matches("eclipse-temurin:" + javaVersion + "(\\.[\\d.]+)?-jdk");
    String workdir = build.last("WORKDIR").orElseThrow().text().replaceFirst("/*$", "/");
    assertThat(copy.sources()).singleElement().asString().as("the jar %s makes (root pom: classifier exec)", module)
        .startsWith(workdir + module.name() + "/target/")
        .satisfies(source -> assertThat(jar).matches(glob(source.substring(source.lastIndexOf('/') + 1))));
    assertThat(stage.last("ENTRYPOINT").orElseThrow().text()).contains("-jar\", \"" + copy.destination() + "\"")
        .as("heap sized from the container memory limit").contains("-XX:MaxRAMPercentage=");
    assertThat(stage.all("EXPOSE")).extracting(Dockerfile.Instruction::text).containsExactly(String.valueOf(module.defaultPort()));
    assertThat(dockerfile.inEffect(stage, "USER")).as("USER of %s", module)
        .hasValueSatisfying(user -> assertThat(user.text()).isNotIn("root", "0"));
    assertThat(Repo.read(Repo.path("pom.xml"))).contains("<classifier>exec</classifier>");
  }

  @Test
  void aggregator_keeps_its_streams_state_on_a_volume_and_defaults_to_the_services_processing_guarantee() {
    ComposeService aggregator = COMPOSE.service("aggregator-service");
    String stateDir = aggregator.environment().get("SPRING_KAFKA_STREAMS_STATE_DIR");
    assertThat(aggregator.mounts()).as("volume at the state dir").anySatisfy(mount -> {
      assertThat(mount.bind()).isFalse();
      assertThat(stateDir).isEqualTo(mount.target());
    });
    Dockerfile.Stage image = Dockerfile.parse(Repo.path("Dockerfile")).target(Optional.of("aggregator-service"));
    assertThat(image.all("RUN")).extracting(Dockerfile.Instruction::text).as("the image makes the state dir its user's")
        .anySatisfy(run -> assertThat(run).contains("mkdir -p " + stateDir).contains("chown"));
    String guarantee = aggregator.environment().get("PULSE_PROCESSING_GUARANTEE");
    assertThat(Repo.read(ServiceModule.named("aggregator-service").dir().resolve("src/main/resources/application.yml")))
        .contains("${PULSE_PROCESSING_GUARANTEE:" + guarantee + "}");
  }

  private static List<String> rawPorts(String service) {
    @SuppressWarnings("unchecked")
    Map<String, Object> services = (Map<String, Object>) COMPOSE.raw().get("services");
    @SuppressWarnings("unchecked")
    List<Object> ports = (List<Object>) ((Map<String, Object>) services.get(service)).get("ports");
    return ports.stream().map(String::valueOf).toList();
  }

  private static String glob(String glob) {
    return Pattern.quote(glob).replace("*", "\\E.*\\Q");
  }
}
