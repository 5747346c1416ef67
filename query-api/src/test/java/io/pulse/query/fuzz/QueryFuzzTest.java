package io.pulse.query.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.LiveServerTest;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import io.pulse.query.fuzz.RawHttp.Answer;
import io.pulse.query.stream.OpenStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hundreds of hostile parameter values (SQL fragments, quotes, huge numbers, broken percent
 * escapes, unicode, very long strings) against every query endpoint of a live server over a real
 * ClickHouse. No answer may be a 5xx other than the stream cap, and ClickHouse's query log must show
 * that no input ever left its string literal or made a query fail.
 */
@LiveServerTest
class QueryFuzzTest {

  private static final String BOARD = "fz-board";
  private static final String SESSIONS = "fz-sessions";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, List<String>> PARAMETERS = Map.of(
      "/v1/aggregations", List.of("window", "from"),
      "/v1/aggregations/" + BOARD + "/facets", List.of("country", "from"),
      "/v1/leaderboards/" + BOARD, List.of("window", "windowStart", "from", "to", "last", "limit", "type", "country", "plan"),
      "/v1/stream/leaderboards/" + BOARD, List.of("window", "windowStart", "last", "limit", "type", "country", "plan"),
      "/v1/aggregations/" + BOARD + "/series", List.of("from", "to", "key", "type", "country", "plan"),
      "/v1/aggregations/" + SESSIONS + "/sessions", List.of("from", "to", "key", "type", "country", "plan"));

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @LocalServerPort int port;
  @Autowired ClickHouse clickHouse;
  @Autowired ApplicationContext context;

  @Test
  void hostileParametersNeverCauseA5xxNorChangeAQuerysShape() {
    TestData.tumbling(clickHouse, BOARD, "[\"type\",\"country\",\"plan\"]");
    TestData.define(clickHouse, SESSIONS, "{\"type\":\"SESSION\",\"gap\":\"PT30M\"}", "[\"country\"]", "userId", "COUNT");
    Instant window = Instant.parse("2026-03-01T10:00:00Z");
    TestData.insert(clickHouse, Row.of(BOARD, window, 60_000, "p1", 3, 1).withType("click"),
        Row.of(SESSIONS, window, 600_000, "u1", 4, 1).withCountry("DE"));
    Instant started = Instant.now().minusSeconds(1);

    List<String> values = HostileInputs.queryValues(20);
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int requests = 0;
    for (var endpoint : PARAMETERS.entrySet()) {
      List<String> parameters = endpoint.getValue();
      for (int k = 0; k < values.size(); k++) {
        String value = values.get(k);
        // two of the endpoint's parameters per value, rotating, so every parameter meets every kind of value
        for (String parameter : List.of(parameters.get(k % parameters.size()), parameters.get((k + 1) % parameters.size()))) {
          requests++;
          check(endpoint.getKey() + "?" + parameter + "=" + value, statuses, failures);
        }
        requests++;
        check(endpoint.getKey() + "?" + value + "=1", statuses, failures); // a hostile parameter name
      }
    }
    for (String value : values) {
      for (String path : List.of("/v1/leaderboards/", "/v1/aggregations/", "/v1/stream/leaderboards/")) {
        requests++;
        check(path + value + (path.equals("/v1/aggregations/") ? "/series" : ""), statuses, failures);
      }
      requests++;
      check("/v1/aggregations/" + value + "/facets", statuses, failures);
    }
    System.out.printf("FUZZ %d requests with %d hostile values: statuses %s%n", requests, values.size(), statuses);
    assertThat(failures).as("answers that were 5xx").isEmpty();
    assertThat(requests).isGreaterThan(500);
    assertThat(statuses).as("hostile values get past the read-key check to the endpoints").doesNotContainKey(401);
    await("fuzzed streams closed").atMost(Duration.ofSeconds(20)).until(() -> OpenStreams.count(context) == 0);
    assertQueriesKeptTheirShape(started);
  }

  private void check(String target, Map<Integer, Integer> statuses, List<String> failures) {
    Answer answer = RawHttp.get(port, target);
    statuses.merge(answer.status(), 1, Integer::sum);
    if (answer.status() >= 500 && !problemType(answer).endsWith("/too-many-streams")) {
      failures.add(answer.status() + " " + abbreviate(target) + " -> " + abbreviate(answer.body()));
    }
  }

  /**
   * Every query ClickHouse ran since the fuzz began: none failed, and with its string literals
   * blanked out, none still holds the marker — no input ever reached the SQL outside a literal.
   */
  private void assertQueriesKeptTheirShape(Instant since) {
    clickHouse.execute("SYSTEM FLUSH LOGS");
    List<JsonNode> logged = clickHouse.query("""
        SELECT toString(type) AS kind, query, exception FROM system.query_log
        WHERE event_time >= toDateTime(:since) AND is_initial_query = 1 AND query NOT LIKE '%system.query_log%'""",
        Map.of("since", since.getEpochSecond()));
    List<String> withMarker = logged.stream().map(row -> row.get("query").asString())
        .filter(query -> query.contains(HostileInputs.MARKER)).toList();
    assertThat(withMarker).as("hostile values reached ClickHouse as literals").isNotEmpty();
    assertThat(logged).as("queries that failed in ClickHouse")
        .noneMatch(row -> row.get("kind").asString().startsWith("Exception"));
    for (String query : withMarker) {
      assertThat(withoutStringLiterals(query)).as("shape of %s", abbreviate(query)).doesNotContain(HostileInputs.MARKER);
    }
    System.out.printf("FUZZ ClickHouse ran %d queries, %d with hostile values, all inside literals%n", logged.size(),
        withMarker.size());
  }

  /** The SQL with every '...' literal (backslash escapes included) replaced by ?: its shape. */
  static String withoutStringLiterals(String sql) {
    StringBuilder shape = new StringBuilder(sql.length());
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c != '\'') {
        shape.append(c);
        continue;
      }
      for (i++; i < sql.length() && sql.charAt(i) != '\''; i++) {
        if (sql.charAt(i) == '\\') {
          i++;
        }
      }
      shape.append('?');
    }
    return shape.toString();
  }

  private static String problemType(Answer answer) {
    if (!answer.contentType().contains("json")) {
      return "";
    }
    return JSON.readTree(answer.body()).path("type").asString("");
  }

  private static String abbreviate(String text) {
    return text.length() <= 160 ? text : text.substring(0, 160) + "…";
  }
}
