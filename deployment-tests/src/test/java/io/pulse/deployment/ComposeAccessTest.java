package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may read what under {@code docker compose up}: the query API keeps its read keys on and apart from
 * ingest's write keys, and Grafana has no anonymous access and no password anyone could guess.
 */
class ComposeAccessTest {

  private static final ComposeFile COMPOSE = ComposeFile.load();

  @Test
  void the_query_api_has_read_keys_of_its_own_that_no_ingest_key_is() {
    Map<String, String> query = COMPOSE.service("query-api").environment();
    List<String> readKeys = keys(query.get("PULSE_QUERY_AUTH_READ_KEYS"));
    List<String> ingestKeys = keys(COMPOSE.service("ingest-service").environment().get("PULSE_INGEST_API_KEYS"));
    assertThat(readKeys).as("read keys by default").isNotEmpty().doesNotContainAnyElementsOf(ingestKeys);
    assertThat(query).as("auth stays on (the service's default)").doesNotContainKey("PULSE_QUERY_AUTH_ENABLED");
    assertThat(query.get("PULSE_QUERY_CORS_ALLOWED_ORIGINS")).as("no other origin by default").isEmpty();
  }

  @Test
  void grafana_asks_everyone_to_sign_in_with_a_password_that_is_given_or_generated_never_a_default() {
    ComposeService grafana = COMPOSE.service("grafana");
    Map<String, String> env = grafana.environment();
    assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false").containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
    assertThat(env).as("no password in the environment, where a default would sit").doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD");

    String file = env.get("GF_SECURITY_ADMIN_PASSWORD__FILE");
    String dir = file.substring(0, file.lastIndexOf('/'));
    ComposeService.Mount secrets = grafana.mounts().stream().filter(mount -> mount.target().equals(dir)).findFirst()
        .orElseThrow(() -> new AssertionError("grafana mounts nothing at " + dir));
    assertThat(secrets.bind()).as("a named volume, not a file of the clone").isFalse();
    assertThat(secrets.readOnly()).isTrue();

    ComposeService generator = COMPOSE.service("grafana-password");
    assertThat(generator.oneShot()).isTrue();
    assertThat(grafana.dependsOn()).containsEntry("grafana-password", "service_completed_successfully");
    ComposeService.Mount written = generator.mounts().stream().filter(mount -> mount.source().equals(secrets.source()))
        .findFirst().orElseThrow(() -> new AssertionError("grafana-password does not write volume " + secrets.source()));
    String script = String.join("\n", generator.command());
    String fileName = file.substring(dir.length() + 1);
    assertThat(script).contains(written.target() + "/" + fileName).contains("GRAFANA_ADMIN_PASSWORD").contains("/dev/urandom");
    assertThat(generator.environment()).containsEntry("GRAFANA_ADMIN_PASSWORD", "");
  }

  private static List<String> keys(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(key -> !key.isEmpty()).toList();
  }
}
