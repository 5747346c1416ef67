package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Prometheus scrapes the compose services; Grafana gets its datasource and dashboards from infra/grafana. */
class ObservabilityProvisioningTest {

  private static final ComposeFile COMPOSE = ComposeFile.load();
  private static final Path PROMETHEUS_YML = Repo.path("infra/prometheus/prometheus.yml");
  private static final Path DATASOURCES = Repo.path("infra/grafana/provisioning/datasources/prometheus.yml");
  private static final Path DASHBOARD_PROVIDERS = Repo.path("infra/grafana/provisioning/dashboards/pulse.yml");
  private static final Pattern APPLICATION_LABEL = Pattern.compile("application\\s*=~?\\s*\"([^\"]+)\"");

  record ScrapeTarget(String job, String metricsPath, String host, int port) {}

  @Test
  void prometheus_scrapes_every_service_actuator_by_compose_name_and_port() {
    List<ScrapeTarget> targets = scrapeTargets();
    for (ServiceModule module : ServiceModule.all()) {
      assertThat(targets).as("scrape target for %s", module).filteredOn(t -> t.host().equals(module.name())).singleElement()
          .satisfies(target -> {
            assertThat(target.port()).isEqualTo(COMPOSE.service(module.name()).port().container());
            assertThat(target.metricsPath()).isEqualTo("/actuator/prometheus");
          });
    }
    targets.forEach(target -> assertThat(COMPOSE.service(target.host()).ports())
        .as("%s is a compose service listening on %d", target.host(), target.port())
        .extracting(ComposeService.PortMapping::container).contains(target.port()));
  }

  @Test
  void prometheus_container_reads_this_config_file() {
    ComposeService prometheus = COMPOSE.service("prometheus");
    String configPath = prometheus.command().stream().filter(arg -> arg.startsWith("--config.file="))
        .map(arg -> arg.substring("--config.file=".length())).findFirst().orElse("/etc/prometheus/prometheus.yml");
    assertThat(prometheus.bindSourceOf(configPath)).contains(PROMETHEUS_YML);
  }

  @Test
  void services_expose_prometheus_and_tag_every_meter_with_their_name() {
    for (ServiceModule module : ServiceModule.all()) {
      assertThat(String.valueOf(module.value("management.endpoints.web.exposure.include").orElse("")))
          .as("actuator endpoints of %s", module).contains("prometheus").contains("health");
      assertThat(module.value("management.metrics.tags.application")).as("common tag of %s", module)
          .contains("${spring.application.name}");
    }
  }

  @Test
  void dashboards_filter_only_on_application_names_that_exist() {
    Set<String> services = new HashSet<>();
    ServiceModule.all().forEach(module -> services.add(module.name()));
    for (DashboardMetrics.Query query : DashboardMetrics.allQueries()) {
      Matcher application = APPLICATION_LABEL.matcher(query.expr());
      while (application.find()) {
        assertThat(services).as("application label in %s", query).contains(application.group(1));
      }
    }
  }

  @Test
  void grafana_datasource_is_the_compose_prometheus_and_every_panel_uses_it() {
    Map<String, Object> datasource = onlyItem(Repo.yaml(DATASOURCES), "datasources");
    URI url = URI.create(String.valueOf(datasource.get("url")));
    assertThat(datasource.get("type")).isEqualTo("prometheus");
    assertThat(url.getPort()).isEqualTo(COMPOSE.service(url.getHost()).port().container());
    assertThat(COMPOSE.service(url.getHost()).image()).startsWith("prom/prometheus");
    String uid = String.valueOf(datasource.get("uid"));

    for (Path file : DashboardMetrics.dashboardFiles()) {
      JsonNode dashboard = DashboardMetrics.read(file);
      for (JsonNode panel : DashboardMetrics.panels(dashboard)) {
        assertThat(panel.path("datasource").path("uid").asString("")).as("%s / %s datasource", file.getFileName(),
            panel.path("title").asString("")).isEqualTo(uid);
        assertThat(panel.path("targets").isEmpty()).as("%s / %s has queries", file.getFileName(), panel.path("title")).isFalse();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asString(uid)).isEqualTo(uid);
        }
      }
    }
  }

  @Test
  void grafana_loads_every_dashboard_file_from_the_mounted_folder() {
    Map<String, Object> provider = onlyItem(Repo.yaml(DASHBOARD_PROVIDERS), "providers");
    @SuppressWarnings("unchecked")
    String path = String.valueOf(((Map<String, Object>) provider.get("options")).get("path"));
    ComposeService grafana = COMPOSE.service("grafana");
    assertThat(grafana.bindSourceOf(path)).contains(Repo.path("infra/grafana/dashboards"));
    assertThat(grafana.bindSourceOf("/etc/grafana/provisioning")).contains(Repo.path("infra/grafana/provisioning"));

    String home = grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).startsWith(path + "/");
    assertThat(Repo.path("infra/grafana/dashboards").resolve(home.substring(path.length() + 1))).exists();

    assertThat(Repo.list(Repo.path("infra/grafana/dashboards"), "*")).as("only dashboard JSON in the provisioned folder")
        .allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(".json"));
  }

  @Test
  void dashboards_have_unique_uids_and_titles_and_link_each_other_by_tag() {
    List<String> uids = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (Path file : DashboardMetrics.dashboardFiles()) {
      JsonNode dashboard = DashboardMetrics.read(file);
      uids.add(dashboard.path("uid").asString(""));
      titles.add(dashboard.path("title").asString(""));
      assertThat(dashboard.path("uid").asString("")).as("uid of %s (= file name)", file.getFileName())
          .isEqualTo(file.getFileName().toString().replaceFirst("\\.json$", ""));
      assertThat(dashboard.path("tags").values()).extracting(tag -> tag.asString()).as("tags of %s", file.getFileName())
          .contains("pulse");
    }
    assertThat(uids).doesNotHaveDuplicates().doesNotContain("");
    assertThat(titles).doesNotHaveDuplicates().doesNotContain("");
  }

  @Test
  void dashboards_show_every_metric_the_operations_issue_asks_for() {
    Set<String> shown = DashboardMetrics.allMetricNames();
    assertThat(shown).contains(
        "pulse_ingest_events_total", "pulse_ingest_requests_total", "pulse_ingest_rejections_total", "pulse_ingest_bytes_total",
        "pulse_ingest_produce_latency_seconds_bucket", "pulse_ingest_in_flight",
        "kafka_stream_thread_process_total", "kafka_consumer_fetch_manager_records_lag_max",
        "pulse_stream_late_total", "pulse_stream_duplicates_total", "pulse_stream_dlq_total",
        "pulse_sink_batch_size_sum", "pulse_sink_batch_size_count", "pulse_sink_batch_size_max",
        "pulse_sink_insert_latency_seconds_sum", "pulse_sink_retries_total",
        "pulse_freshness_seconds_bucket", "http_server_requests_seconds_count", "http_server_requests_seconds_bucket");
  }

  private static List<ScrapeTarget> scrapeTargets() {
    List<ScrapeTarget> targets = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) Repo.yaml(PROMETHEUS_YML).get("scrape_configs");
    for (Map<String, Object> job : jobs) {
      String metricsPath = String.valueOf(job.getOrDefault("metrics_path", "/metrics"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> staticConfigs = (List<Map<String, Object>>) job.get("static_configs");
      for (Map<String, Object> staticConfig : staticConfigs) {
        for (Object target : (List<?>) staticConfig.get("targets")) {
          String[] hostPort = String.valueOf(target).split(":");
          targets.add(new ScrapeTarget(String.valueOf(job.get("job_name")), metricsPath, hostPort[0], Integer.parseInt(hostPort[1])));
        }
      }
    }
    return targets;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyItem(Map<String, Object> file, String key) {
    List<Map<String, Object>> items = (List<Map<String, Object>>) file.get(key);
    assertThat(items).as(key).hasSize(1);
    return items.getFirst();
  }
}
