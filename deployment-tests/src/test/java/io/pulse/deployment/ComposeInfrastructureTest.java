package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Kafka, the topic job, ClickHouse and the rules every compose service follows (health, start order, memory). */
class ComposeInfrastructureTest {

  private static final ComposeFile COMPOSE = ComposeFile.load();
  private static final Pattern SCHEMA_FILE = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");
  // ADD COLUMN has no IF NOT EXISTS on ClickHouse 18.16; compose's init directory runs each script
  // once, on an empty volume, and the services' SchemaMigrator takes a column that exists already as
  // added (SchemaMigrationTest), so a second run changes nothing.
  private static final Pattern IDEMPOTENT_STATEMENT = Pattern.compile(
      "CREATE (TABLE|DATABASE|VIEW|MATERIALIZED VIEW|DICTIONARY) IF NOT EXISTS |DROP (TABLE|DATABASE|VIEW|DICTIONARY) IF EXISTS "
          + "|ALTER TABLE [A-Z_]+ ADD COLUMN ");
  private static final Pattern MEMORY = Pattern.compile("(\\d+)([kmg]?)b?", Pattern.CASE_INSENSITIVE);

  @Test
  void kafka_is_the_official_image_of_the_client_version_in_kraft_combined_mode() {
    ComposeService kafka = COMPOSE.service(KafkaBroker.SERVICE);
    Map<String, String> env = kafka.environment();
    assertThat(kafka.image()).isEqualTo("apache/kafka:" + Repo.rootPomProperty("kafka.version"));
    assertThat(env.get("KAFKA_PROCESS_ROLES").split(",")).containsExactlyInAnyOrder("broker", "controller");
    assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(env.get("KAFKA_NODE_ID") + "@" + KafkaBroker.SERVICE + ":");
    assertThat(KafkaBroker.bound(COMPOSE)).containsKey(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
    assertThat(KafkaBroker.port(KafkaBroker.bound(COMPOSE).get(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"))))
        .isEqualTo(KafkaBroker.port(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")));
    assertThat(env).containsKey("CLUSTER_ID");
  }

  @Test
  void kafka_internal_topics_fit_one_broker_so_exactly_once_v2_does_not_hang() {
    Map<String, String> env = COMPOSE.service(KafkaBroker.SERVICE).environment();
    assertThat(env).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
        .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
  }

  @Test
  void kafka_is_reachable_in_the_network_and_from_the_host() {
    Map<String, String> advertised = KafkaBroker.advertised(COMPOSE);
    Map<String, String> bound = KafkaBroker.bound(COMPOSE);
    ComposeService.PortMapping published = COMPOSE.service(KafkaBroker.SERVICE).port();
    assertThat(advertised).as("a listener advertised as localhost:<published host port>").anySatisfy((name, address) -> {
      assertThat(address).isEqualTo("localhost:" + published.host());
      assertThat(KafkaBroker.port(bound.get(name))).as("its bound port is the published container port").isEqualTo(published.container());
    });
    String internal = KafkaBroker.internalBootstrap(COMPOSE);
    assertThat(bound.values()).extracting(KafkaBroker::port).contains(KafkaBroker.port(internal));
  }

  @Test
  void topic_job_creates_exactly_the_topics_of_contracts_before_the_services_start() {
    ComposeService init = COMPOSE.service("kafka-init");
    Path infraKafka = Repo.path("infra/kafka");
    String mountTarget = init.mounts().stream().filter(m -> m.bind() && Path.of(m.source()).equals(infraKafka))
        .map(ComposeService.Mount::target).findFirst().orElseThrow(() -> new AssertionError("kafka-init must mount infra/kafka"));
    String topicsFile = init.environment().get("TOPICS_FILE");
    assertThat(topicsFile).startsWith(mountTarget + "/");
    assertThat(infraKafka.resolve(topicsFile.substring(mountTarget.length() + 1))).isEqualTo(TopicSpecs.file());
    List<?> entrypoint = (List<?>) init.get("entrypoint");
    String script = String.valueOf(entrypoint.getLast());
    assertThat(infraKafka.resolve(script.substring(mountTarget.length() + 1))).exists();
    assertThat(init.environment().get("BOOTSTRAP_SERVERS")).isEqualTo(KafkaBroker.internalBootstrap(COMPOSE));
    assertThat(init.environment().get("REPLICATION_FACTOR")).isEqualTo("1");
    assertThat(init.oneShot()).isTrue();
    assertThat(init.image()).isEqualTo(COMPOSE.service(KafkaBroker.SERVICE).image());

    assertThat(TopicSpecs.load()).as("infra/kafka/topics.txt vs io.pulse.contracts.topic.Topics.ALL")
        .containsExactlyInAnyOrderElementsOf(TopicSpecs.fromContracts());
    assertThat(TopicSpecs.fromContracts()).hasSize(Topics.ALL.size());
    for (String service : List.of("ingest-service", "aggregator-service")) {
      assertThat(COMPOSE.service(service).dependsOn()).as("%s waits for the topics", service)
          .containsEntry("kafka-init", "service_completed_successfully");
    }
  }

  @Test
  void clickhouse_runs_the_schema_files_the_services_migrate_with() {
    ComposeService clickhouse = COMPOSE.service("clickhouse");
    assertThat(clickhouse.image()).startsWith("clickhouse/clickhouse-server:");
    Path schemaDir = Repo.path("infra/clickhouse");
    assertThat(clickhouse.bindSourceOf("/docker-entrypoint-initdb.d")).as("init mount").contains(schemaDir);

    // The image's entrypoint runs *.sh, *.sql and *.sql.gz in name order; the migrator runs V*__*.sql in name order.
    List<Path> files = Repo.list(schemaDir, "*");
    List<Path> scripts = files.stream().filter(f -> !f.getFileName().toString().matches("(?i)readme.*")).toList();
    assertThat(scripts).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString()).matches(SCHEMA_FILE));
    Set<Integer> versions = new HashSet<>();
    Set<Integer> widths = new HashSet<>();
    for (Path script : scripts) {
      Matcher version = SCHEMA_FILE.matcher(script.getFileName().toString());
      assertThat(version.matches()).isTrue();
      assertThat(versions.add(Integer.parseInt(version.group(1)))).as("unique version %s", script).isTrue();
      widths.add(version.group(1).length());
    }
    assertThat(widths).as("zero-padded versions, so name order is version order").hasSize(1);

    String clickhouseSupportPom = Repo.read(Repo.path("clickhouse-support/pom.xml"));
    assertThat(clickhouseSupportPom).as("the services' migrator reads the same folder")
        .containsPattern("<directory>\\.\\./infra/clickhouse</directory>\\s*<targetPath>db/clickhouse</targetPath>");
  }

  @Test
  void every_schema_statement_can_run_twice_because_compose_applies_it_before_the_services_migrator_does() {
    // The image runs the files at first start without recording them in schema_migrations, so the services'
    // SchemaMigrator, finding no version applied, runs every statement again.
    List<String> notIdempotent = new ArrayList<>();
    for (Path script : Repo.list(Repo.path("infra/clickhouse"), "V*.sql")) {
      String sql = Repo.read(script).lines().filter(line -> !line.strip().startsWith("--"))
          .collect(java.util.stream.Collectors.joining("\n"));
      for (String statement : sql.split(";\\s*(\\n|$)")) {
        String normalized = statement.strip().replaceAll("\\s+", " ").toUpperCase();
        if (!normalized.isEmpty() && !IDEMPOTENT_STATEMENT.matcher(normalized).lookingAt()) {
          notIdempotent.add(script.getFileName() + ": " + normalized.substring(0, Math.min(80, normalized.length())));
        }
      }
    }
    assertThat(notIdempotent).as("statements that fail or change data when run a second time").isEmpty();
  }

  @Test
  void clickhouse_credentials_and_database_match_what_the_services_use() {
    Map<String, String> server = COMPOSE.service("clickhouse").environment();
    assertThat(server.getOrDefault("CLICKHOUSE_DB", "default")).as("init scripts run in database default").isEqualTo("default");
    assertThat(server.get("CLICKHOUSE_USER")).as("the image locks the passwordless default user to localhost").isNotBlank();
    List<String> clients = new ArrayList<>();
    COMPOSE.services().values().stream().filter(s -> s.environment().containsKey("PULSE_CLICKHOUSE_URL")).forEach(client -> {
      clients.add(client.name());
      Map<String, String> env = client.environment();
      assertThat(env).as("%s logs in as the server's user", client.name())
          .containsEntry("PULSE_CLICKHOUSE_USERNAME", server.get("CLICKHOUSE_USER"))
          .containsEntry("PULSE_CLICKHOUSE_PASSWORD", server.get("CLICKHOUSE_PASSWORD"));
      assertThat(env.getOrDefault("PULSE_CLICKHOUSE_DATABASE", "default")).isEqualTo("default");
    });
    assertThat(clients).containsExactlyInAnyOrder("aggregator-service", "query-api");
    assertThat(COMPOSE.service("clickhouse").get("ulimits")).as("ulimits (nofile)").isInstanceOf(Map.class);
  }

  @Test
  void every_long_running_service_has_a_health_check_and_every_dependency_a_condition_that_waits() {
    COMPOSE.services().values().forEach(service -> {
      if (!service.oneShot()) {
        assertThat(service.healthcheck()).as("healthcheck of %s", service.name()).isPresent();
      }
      service.dependsOn().forEach((target, condition) -> {
        ComposeService dependency = COMPOSE.service(target);
        assertThat(condition).as("%s depends on %s", service.name(), target)
            .isEqualTo(dependency.oneShot() ? "service_completed_successfully" : "service_healthy");
      });
    });
  }

  @Test
  void every_service_has_a_memory_limit_and_named_volumes_are_declared() {
    COMPOSE.services().values().forEach(service -> {
      String limit = service.memoryLimit().orElseThrow(() -> new AssertionError(service.name() + " has no memory limit"));
      Matcher memory = MEMORY.matcher(limit);
      assertThat(memory.matches()).as("memory limit of %s: %s", service.name(), limit).isTrue();
      long bytes = Long.parseLong(memory.group(1)) * switch (memory.group(2).toLowerCase()) {
        case "k" -> 1L << 10;
        case "m" -> 1L << 20;
        case "g" -> 1L << 30;
        default -> 1L;
      };
      assertThat(bytes).as("memory limit of %s", service.name()).isGreaterThanOrEqualTo(128L << 20);
      service.mounts().stream().filter(m -> !m.bind()).forEach(volume ->
          assertThat(COMPOSE.volumes()).as("top-level volumes").containsKey(volume.source()));
      service.mounts().stream().filter(ComposeService.Mount::bind).forEach(bind ->
          assertThat(Path.of(bind.source())).as("bind mount source of %s", service.name()).exists());
    });
  }
}
