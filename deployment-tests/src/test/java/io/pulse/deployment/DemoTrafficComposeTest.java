package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.demo.DemoOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code docker compose --profile demo up --build}: the demo's traffic generator is built from source like the
 * services, reaches ingest with the key ingest accepts, and starts only once ingest is healthy. Its environment is
 * parsed by the generator's own option parser, so a misspelt PULSE_DEMO_* variable fails here.
 */
class DemoTrafficComposeTest {

  private static final ComposeFile COMPOSE = ComposeFile.load();
  private static final ComposeService DEMO = COMPOSE.service("demo-traffic");

  @Test
  void is_built_from_its_stage_of_the_root_dockerfile_and_runs_only_with_the_demo_profile() {
    assertThat(DEMO.build()).contains(new ComposeService.Build(Repo.root(), Repo.path("Dockerfile"), Optional.of("demo-traffic")));
    assertThat(DEMO.get("profiles")).isEqualTo(List.of("demo"));
    Dockerfile dockerfile = Dockerfile.parse(Repo.path("Dockerfile"));
    Dockerfile.Stage stage = dockerfile.target(Optional.of("demo-traffic"));
    assertThat(stage.all("COPY")).extracting(Dockerfile.Instruction::text).as("the jar the build stage made")
        .anySatisfy(copy -> assertThat(copy).contains("/demo-traffic/target/demo-traffic-*-exec.jar"));
    assertThat(dockerfile.inEffect(stage, "USER")).hasValueSatisfying(user -> assertThat(user.text()).isNotIn("root", "0"));
  }

  @Test
  void sends_to_ingest_in_the_network_with_the_key_ingest_accepts_and_poison_to_the_in_network_broker() {
    DemoOptions options = DemoOptions.parse(List.of(), DEMO.environment());
    ComposeService ingest = COMPOSE.service("ingest-service");
    assertThat(options.ingestUrl()).isEqualTo(URI.create("http://ingest-service:" + ingest.port().container()));
    assertThat(options.apiKey()).isEqualTo(ingest.environment().get("PULSE_INGEST_API_KEYS").split(",")[0]);
    assertThat(options.kafka()).contains(KafkaBroker.internalBootstrap(COMPOSE));
    assertThat(options.heartbeat()).hasValueSatisfying(file ->
        assertThat(DEMO.healthcheck()).hasValueSatisfying(check -> assertThat(check).contains(file.toString())));
  }

  @Test
  void starts_once_ingest_is_healthy_and_so_after_the_topics_exist() {
    Map<String, String> dependsOn = DEMO.dependsOn();
    assertThat(dependsOn).containsEntry("ingest-service", "service_healthy");
    assertThat(StartOrder.waitsFor(COMPOSE, "demo-traffic", "kafka")).isTrue();
  }
}
