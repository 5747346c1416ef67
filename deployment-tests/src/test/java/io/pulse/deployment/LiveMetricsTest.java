package io.pulse.deployment;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and metrics-exported.txt against real scrapes, when running services are named:
 * {@code ./mvnw -pl deployment-tests test -Dpulse.metrics.endpoints=http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083}
 * (or env PULSE_METRICS_ENDPOINTS). Send some traffic first (refresh-metrics-exported.sh does): meters such as
 * rejections by reason only exist once something was counted. Skipped when no endpoints are given.
 */
class LiveMetricsTest {

  @Test
  void running_services_export_every_metric_the_dashboards_and_the_list_name() {
    String endpoints = System.getProperty("pulse.metrics.endpoints", System.getenv("PULSE_METRICS_ENDPOINTS"));
    assumeThat(endpoints).as("running services' endpoints (-Dpulse.metrics.endpoints)").isNotBlank();
    List<String> urls = Arrays.stream(endpoints.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    ExportedMetrics.Report report = ExportedMetrics.verifyEndpoints(urls);
    if (!report.stillPending().isEmpty()) {
      System.out.println("Still pending (promised in metrics-exported.txt, not exported yet): " + report.stillPending());
    }
    report.assertHonest();
  }
}
