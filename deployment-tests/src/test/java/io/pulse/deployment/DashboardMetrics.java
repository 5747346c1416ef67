package io.pulse.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PromQL queries of Grafana dashboards (panels, rows' nested panels, query variables) and the metrics they name. */
public final class DashboardMetrics {

  /** One query: where it is, its expression and the metric names in it. */
  public record Query(String dashboard, String panel, String expr, Set<String> metrics) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + ": " + expr;
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*(.*?)\\s*,\\s*[a-zA-Z_]\\w*\\s*\\)\\s*$");
  private static final Pattern PANEL_TYPES_WITHOUT_QUERIES = Pattern.compile("row|text|news|dashlist|welcome");

  private DashboardMetrics() {}

  /** The dashboards Grafana provisions: every *.json in infra/grafana/dashboards. */
  public static List<Path> dashboardFiles() {
    return Repo.list(Repo.path("infra/grafana/dashboards"), "*.json");
  }

  public static JsonNode read(Path dashboard) {
    return JSON.readTree(Repo.read(dashboard));
  }

  public static List<Query> queries(Path dashboard) {
    JsonNode root = read(dashboard);
    String title = root.path("title").asString(dashboard.getFileName().toString());
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels(root)) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asString("");
        if (!expr.isBlank()) {
          queries.add(new Query(title, panel.path("title").asString(""), expr, PromQl.metricNames(expr)));
        }
      }
    }
    for (JsonNode variable : root.path("templating").path("list")) {
      if (variable.path("type").asString("").equals("query")) {
        JsonNode query = variable.path("query");
        String expr = query.isObject() ? query.path("query").asString("") : query.asString("");
        Matcher labelValues = LABEL_VALUES.matcher(expr);
        String selector = labelValues.matches() ? labelValues.group(1) : expr;
        queries.add(new Query(title, "variable $" + variable.path("name").asString(""), expr, PromQl.metricNames(selector)));
      }
    }
    return queries;
  }

  /** Every panel that should query something, rows' collapsed children included. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (!PANEL_TYPES_WITHOUT_QUERIES.matcher(panel.path("type").asString("")).matches()) {
        panels.add(panel);
      }
      for (JsonNode child : panel.path("panels")) {
        panels.add(child);
      }
    }
    return panels;
  }

  public static List<Query> allQueries() {
    List<Query> queries = new ArrayList<>();
    dashboardFiles().forEach(file -> queries.addAll(queries(file)));
    return queries;
  }

  public static Set<String> allMetricNames() {
    Set<String> names = new TreeSet<>();
    allQueries().forEach(query -> names.addAll(query.metrics()));
    return names;
  }
}
