package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every metric a dashboard queries is one the services export (infra/grafana/metrics-exported.txt, scraped from the
 * real services) or one explicitly marked pending there. LiveMetricsTest / ExportedMetrics check the list itself
 * against live scrapes.
 */
class DashboardMetricsTest {

  @Test
  void every_dashboard_query_names_only_exported_or_pending_metrics() {
    MetricCatalog catalog = MetricCatalog.load();
    List<String> unknown = DashboardMetrics.allQueries().stream()
        .flatMap(query -> query.metrics().stream().filter(metric -> !catalog.knows(metric)).map(metric -> metric + "  in  " + query))
        .toList();
    assertThat(unknown).as("metrics no service exports (see infra/grafana/metrics-exported.txt)").isEmpty();
  }

  @Test
  void every_dashboard_query_names_a_metric() {
    List<DashboardMetrics.Query> queries = DashboardMetrics.allQueries();
    assertThat(queries).isNotEmpty();
    assertThat(queries).allSatisfy(query -> assertThat(query.metrics()).as("%s", query).isNotEmpty());
  }

  @Test
  void the_metric_list_is_a_real_scrape_plus_few_marked_promises() {
    MetricCatalog catalog = MetricCatalog.load();
    assertThat(catalog.exported()).as("scraped names").hasSizeGreaterThan(100)
        .contains("pulse_ingest_events_total", "jvm_memory_used_bytes", "kafka_stream_thread_process_total");
    assertThat(catalog.pending().keySet()).as("pending names must not also be listed as exported")
        .doesNotContainAnyElementsOf(catalog.exported());
    Set<String> shown = DashboardMetrics.allMetricNames();
    assertThat(catalog.pending().keySet()).as("a pending name is only worth keeping for a dashboard").allSatisfy(name ->
        assertThat(shown).contains(name));
  }
}
