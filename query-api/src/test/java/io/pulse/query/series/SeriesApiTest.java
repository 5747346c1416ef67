package io.pulse.query.series;

import static io.pulse.query.ProblemAssertions.expectProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The time-series endpoint: one point per window, newest revision only, bounded. */
@ApiTest
class SeriesApiTest {

  private static final String AGG = "series-entity";
  private static final String LATE = "series-late";
  private static final long MINUTE = 60_000;
  private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @BeforeEach
  void rows() {
    TestData.tumbling(clickHouse, AGG, "[\"type\"]");
    List<Row> rows = new ArrayList<>();
    for (int minute = 0; minute < 5; minute++) {
      Instant start = T0.plusSeconds(60L * minute);
      // a: minute+1 clicks, first written as a lower provisional revision that must not be added.
      rows.add(Row.of(AGG, start, MINUTE, "a", minute, 1).withType("click"));
      rows.add(Row.of(AGG, start, MINUTE, "a", minute + 1, 2).withType("click").asFinal());
      rows.add(Row.of(AGG, start, MINUTE, "a", 10, 1).withType("view").asFinal());
      rows.add(Row.of(AGG, start, MINUTE, "b", 100, 1).withType("click").asFinal());
    }
    TestData.insert(clickHouse, rows);
    TestData.lateEvents(clickHouse, AGG, 2);
  }

  @Test
  void aKeysSeriesHasOnePointPerWindowFromTheNewestRevisions() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/series").param("key", "a")
            .param("from", "2026-02-01T10:00:00Z").param("to", "2026-02-01T10:05:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.key", is("a")))
        .andExpect(jsonPath("$.points[*].value", contains(11.0, 12.0, 13.0, 14.0, 15.0)))
        .andExpect(jsonPath("$.points[0].windowStart", is("2026-02-01T10:00:00Z")))
        .andExpect(jsonPath("$.points[0].windowEnd", is("2026-02-01T10:01:00Z")))
        .andExpect(jsonPath("$.points[0].final", is(true)))
        .andExpect(jsonPath("$.points[0].revision", is(3)))
        .andExpect(jsonPath("$.lateEvents", is(2)))
        .andExpect(jsonPath("$.truncated", is(false)));
  }

  @Test
  void eachPointCarriesWhetherItsWindowWasAmendedAndItsLateCountFromTheNewestRevisions() throws Exception {
    TestData.define(clickHouse, LATE, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[\"type\"]", "entityId",
        "COUNT", "AMEND", "PT5M");
    TestData.insert(clickHouse,
        // Window 1: untouched. Window 2: the view row was amended. Window 3: late counts 1 (superseded by 4) and 2.
        Row.of(LATE, T0, MINUTE, "a", 1, 1).withType("click").asFinal(),
        Row.of(LATE, T0.plusSeconds(60), MINUTE, "a", 2, 1).withType("click").asFinal(),
        Row.of(LATE, T0.plusSeconds(60), MINUTE, "a", 3, 2).withType("view").asAmended(),
        Row.of(LATE, T0.plusSeconds(120), MINUTE, "a", 5, 1).withType("click").asFinal().withLateCount(1),
        Row.of(LATE, T0.plusSeconds(120), MINUTE, "a", 5, 2).withType("click").asFinal().withLateCount(4),
        Row.of(LATE, T0.plusSeconds(120), MINUTE, "b", 7, 1).withType("view").asFinal().withLateCount(2));
    mvc.perform(get("/v1/aggregations/" + LATE + "/series").param("key", "a")
            .param("from", "2026-02-01T10:00:00Z").param("to", "2026-02-01T10:03:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.points[*].value", contains(1.0, 5.0, 5.0)))
        .andExpect(jsonPath("$.points[*].amended", contains(false, true, false)))
        .andExpect(jsonPath("$.points[*].lateCount", contains(0, 0, 4)));
    mvc.perform(get("/v1/aggregations/" + LATE + "/series")
            .param("from", "2026-02-01T10:00:00Z").param("to", "2026-02-01T10:03:00Z"))
        .andExpect(jsonPath("$.points[*].amended", contains(false, true, false)))
        .andExpect(jsonPath("$.points[*].lateCount", contains(0, 0, 6)));
  }

  @Test
  void facetFiltersAndTheRangeNarrowTheSeries() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/series").param("key", "a").param("type", "click")
            .param("from", "2026-02-01T10:01:00Z").param("to", "2026-02-01T10:03:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.points[*].value", contains(2.0, 3.0)));
  }

  @Test
  void withoutAKeyAllGroupsAreAddedUp() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/series")
            .param("from", "2026-02-01T10:00:00Z").param("to", "2026-02-01T10:02:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.points[*].value", contains(111.0, 112.0)));
  }

  @Test
  void withoutAKeyMinimaAndMaximaTakeTheExtremeOfTheGroupsNotTheirSum() throws Exception {
    for (String measure : List.of("MIN", "MAX")) {
      String name = "series-" + measure.toLowerCase();
      TestData.define(clickHouse, name, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", measure);
      TestData.insert(clickHouse,
          Row.of(name, T0, MINUTE, "a", 2, 1).withValue(4).asFinal(),
          Row.of(name, T0, MINUTE, "b", 3, 1).withValue(-2).asFinal(),
          Row.of(name, T0.plusSeconds(60), MINUTE, "a", 1, 1).withValue(6).asFinal());
    }
    mvc.perform(get("/v1/aggregations/series-min/series").param("from", "2026-02-01T10:00:00Z")
            .param("to", "2026-02-01T10:02:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.points[*].value", contains(-2.0, 6.0)))
        .andExpect(jsonPath("$.points[*].count", contains(5, 1)));
    mvc.perform(get("/v1/aggregations/series-max/series").param("from", "2026-02-01T10:00:00Z")
            .param("to", "2026-02-01T10:02:00Z"))
        .andExpect(jsonPath("$.points[*].value", contains(4.0, 6.0)));
  }

  @Test
  void averagesAndDistinctUsersDoNotCombineOverGroupsSoTheyNeedAKey() throws Exception {
    TestData.define(clickHouse, "series-avg", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", "AVG");
    TestData.define(clickHouse, "series-users", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "country",
        "DISTINCT_USERS");
    TestData.insert(clickHouse, Row.of("series-avg", T0, MINUTE, "a", 4, 1).withValue(2.5).asFinal(),
        Row.of("series-avg", T0, MINUTE, "b", 1, 1).withValue(10).asFinal());
    expectProblem(mvc, get("/v1/aggregations/series-avg/series"), "measure-not-combinable", "key");
    expectProblem(mvc, get("/v1/aggregations/series-users/series"), "measure-not-combinable", "key");
    mvc.perform(get("/v1/aggregations/series-avg/series").param("key", "a").param("from", "2026-02-01T10:00:00Z")
            .param("to", "2026-02-01T10:01:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.points[*].value", contains(2.5)));
  }

  @Test
  void withoutARangeTheWindowsUpToTheNewestAreShown() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/series").param("key", "b"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.to", is("2026-02-01T10:04:00.001Z")))
        .andExpect(jsonPath("$.points", hasSize(5)));
  }

  @Test
  void anInjectedKeyIsJustAKeyThatMatchesNothing() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/series").param("key", "a' OR 1=1 --"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.points", hasSize(0)));
  }

  @Test
  void aParameterGivenTwiceCountsWithItsFirstValueAndHeadersAreNoParameters() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/series").param("key", "a", "b").header("type", "view")
            .param("from", "2026-02-01T10:00:00Z").param("to", "2026-02-01T10:01:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.key", is("a")))
        .andExpect(jsonPath("$.points[*].value", contains(11.0)));
  }

  @Test
  void badParametersAreProblemsNamingTheParameter() throws Exception {
    String path = "/v1/aggregations/" + AGG + "/series";
    expectProblem(mvc, get("/v1/aggregations/nope/series"), "unknown-aggregation", "aggregation");
    expectProblem(mvc, get(path).param("from", "last tuesday"), "invalid-time", "from");
    expectProblem(mvc, get(path).param("to", "2026-13-01T00:00:00Z"), "invalid-time", "to");
    expectProblem(mvc, get(path).param("from", "2026-02-01T11:00:00Z").param("to", "2026-02-01T10:00:00Z"),
        "invalid-range", "from");
    expectProblem(mvc, get(path).param("from", "2025-01-01T00:00:00Z").param("to", "2026-02-01T10:00:00Z"),
        "invalid-range", "from");
    expectProblem(mvc, get(path).param("country", "DE"), "unknown-dimension", "country");
    expectProblem(mvc, get(path).param("key", "k".repeat(1000)), "invalid-value", "key");
    expectProblem(mvc, get(path).param("limit", "10"), "unknown-parameter", "limit");
  }
}
