package io.pulse.deployment;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the dashboards and metrics-exported.txt honest against real scrapes of running services. Call
 * {@link #verify} with the /actuator/prometheus bodies of all three services after they have handled some traffic
 * (accepted, duplicate, late and rejected events, a query), so lazily registered meters exist.
 */
public final class ExportedMetrics {

  /**
   * What a verification found. {@link #assertHonest()} fails on anything but still-pending metrics;
   * {@link #assertDashboardsExported()} ignores catalog names the traffic did not happen to trigger.
   */
  public record Report(Set<String> dashboardMetricsNotExported, Set<String> catalogNamesNotExported,
      Set<String> pendingNowExported, Set<String> stillPending) {

    public void assertHonest() {
      check(true);
    }

    public void assertDashboardsExported() {
      check(false);
    }

    private void check(boolean wholeCatalog) {
      StringBuilder problems = new StringBuilder();
      if (!dashboardMetricsNotExported.isEmpty()) {
        problems.append("\n- dashboards query metrics no service exports (and not marked pending): ")
            .append(where(dashboardMetricsNotExported));
      }
      if (wholeCatalog && !catalogNamesNotExported.isEmpty()) {
        problems.append("\n- infra/grafana/metrics-exported.txt lists names the services did not export: ")
            .append(catalogNamesNotExported)
            .append(" (gone, renamed, or not triggered by the traffic; rerun infra/grafana/refresh-metrics-exported.sh)");
      }
      if (!pendingNowExported.isEmpty()) {
        problems.append("\n- exported now, drop their '# pending' marker in metrics-exported.txt: ").append(pendingNowExported);
      }
      if (!problems.isEmpty()) {
        throw new AssertionError("exported metrics and dashboards disagree:" + problems);
      }
    }

    private static String where(Set<String> metrics) {
      return DashboardMetrics.allQueries().stream()
          .filter(query -> query.metrics().stream().anyMatch(metrics::contains))
          .map(query -> "\n    " + query.metrics().stream().filter(metrics::contains).toList() + " in " + query)
          .collect(Collectors.joining());
    }
  }

  private ExportedMetrics() {}

  public static Report verify(Collection<String> scrapeBodies) {
    Set<String> scraped = new TreeSet<>();
    scrapeBodies.forEach(body -> scraped.addAll(PrometheusScrape.sampleNames(body)));
    MetricCatalog catalog = MetricCatalog.load();
    Set<String> dashboardMissing = new TreeSet<>();
    Set<String> stillPending = new TreeSet<>();
    for (String metric : DashboardMetrics.allMetricNames()) {
      if (!scraped.contains(metric)) {
        (catalog.pending().containsKey(metric) ? stillPending : dashboardMissing).add(metric);
      }
    }
    Set<String> catalogMissing = catalog.exported().stream().filter(name -> !scraped.contains(name))
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> pendingExported = catalog.pending().keySet().stream().filter(scraped::contains)
        .collect(Collectors.toCollection(TreeSet::new));
    return new Report(dashboardMissing, catalogMissing, pendingExported, stillPending);
  }

  /** Scrapes the given endpoints (base URLs or full /actuator/prometheus URLs) and verifies. */
  public static Report verifyEndpoints(List<String> endpoints) {
    return verify(endpoints.stream().map(PrometheusScrape::fetch).toList());
  }
}
