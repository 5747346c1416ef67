package io.pulse.query.leaderboard;

import static io.pulse.query.ProblemAssertions.expectProblem;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Every range a board cannot answer is a 400 problem naming the parameter, and says why. */
@ApiTest
class RangeBoardProblemsTest {

  private static final String TUMBLING = "rbp-tumbling";
  private static final String PATH = "/v1/leaderboards/" + TUMBLING;
  private static final String FROM = "2026-03-10T09:00:00Z";
  private static final String TO = "2026-03-10T10:00:00Z";

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @BeforeEach
  void aggregations() {
    TestData.tumbling(clickHouse, TUMBLING, "[\"country\"]");
    TestData.define(clickHouse, "rbp-avg", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", "AVG");
    TestData.define(clickHouse, "rbp-users", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "country", "DISTINCT_USERS");
    TestData.define(clickHouse, "rbp-hopping", "{\"type\":\"HOPPING\",\"size\":\"PT5M\",\"advance\":\"PT1M\"}", "[]",
        "country", "COUNT");
    TestData.define(clickHouse, "rbp-sliding", "{\"type\":\"SLIDING\",\"size\":\"PT5M\"}", "[]", "userId", "COUNT");
    TestData.define(clickHouse, "rbp-sessions", "{\"type\":\"SESSION\",\"gap\":\"PT30M\"}", "[]", "userId", "COUNT");
  }

  @Test
  void unreadableBoundsAreProblemsNamingTheBound() throws Exception {
    expectProblem(mvc, get(PATH).param("from", "yesterday").param("to", TO), "invalid-time", "from");
    expectProblem(mvc, get(PATH).param("from", FROM).param("to", "2026-03-10T10:00:00"), "invalid-time", "to");
    for (String last : new String[] {"1 hour", "1w", "0m", "-1h", "PT0S", "P1Y", "1.5h", "", "h", "PT-1H", "P1M",
        "99999999999999999999d", "PT9999999999999999999H"}) {
      expectProblem(mvc, get(PATH).param("last", last), "invalid-duration", "last");
    }
  }

  @Test
  void anEmptyOrBackwardRangeIsAProblem() throws Exception {
    expectProblem(mvc, get(PATH).param("from", TO).param("to", FROM), "invalid-range", "from");
    expectProblem(mvc, get(PATH).param("from", FROM).param("to", FROM), "invalid-range", "from");
    // 09:00:10 .. 09:00:50 holds no whole minute; last=30s is shorter than one window.
    expectProblem(mvc, get(PATH).param("from", "2026-03-10T09:00:10Z").param("to", "2026-03-10T09:00:50Z"),
        "invalid-range", "from");
    expectProblem(mvc, get(PATH).param("last", "30s"), "invalid-range", "last");
    mvc.perform(get(PATH).param("last", "59s")).andExpect(jsonPath("$.detail", containsString("at least one window")));
  }

  @Test
  void aRangeLongerThanTheConfiguredMaximumIsAProblem() throws Exception {
    expectProblem(mvc, get(PATH).param("from", "2026-02-01T00:00:00Z").param("to", "2026-03-05T00:00:00Z"),
        "range-too-long", "from");
    expectProblem(mvc, get(PATH).param("last", "32d"), "range-too-long", "last");
    expectProblem(mvc, get(PATH).param("last", "P40D"), "range-too-long", "last");
    mvc.perform(get(PATH).param("last", "31d")).andExpect(jsonPath("$.window", org.hamcrest.Matchers.is("range")));
  }

  @Test
  void aRangeGoesWithNeitherAWindowNorTheOtherKindOfRange() throws Exception {
    expectProblem(mvc, get(PATH).param("from", FROM).param("to", TO).param("window", "closed"),
        "conflicting-window", "from");
    expectProblem(mvc, get(PATH).param("last", "1h").param("windowStart", FROM), "conflicting-window", "last");
    expectProblem(mvc, get(PATH).param("last", "1h").param("from", FROM).param("to", TO), "conflicting-range", "last");
    expectProblem(mvc, get(PATH).param("to", TO), "missing-parameter", "from");
    expectProblem(mvc, get(PATH).param("from", FROM), "missing-parameter", "to");
  }

  @Test
  void onlyTumblingAggregationsHaveRanges() throws Exception {
    expectProblem(mvc, get("/v1/leaderboards/rbp-hopping").param("last", "1h"), "range-needs-tumbling", "last");
    expectProblem(mvc, get("/v1/leaderboards/rbp-sliding").param("from", FROM).param("to", TO),
        "range-needs-tumbling", "from");
    expectProblem(mvc, get("/v1/leaderboards/rbp-sessions").param("last", "1h"), "session-aggregation", "aggregation");
    mvc.perform(get("/v1/leaderboards/rbp-hopping").param("last", "1h"))
        .andExpect(jsonPath("$.detail", containsString("hopping windows")));
  }

  @Test
  void measuresThatDoNotCombineExactlyAreRefusedWithTheReason() throws Exception {
    expectProblem(mvc, get("/v1/leaderboards/rbp-users").param("last", "1h"), "measure-not-combinable", "last");
    mvc.perform(get("/v1/leaderboards/rbp-users").param("last", "1h"))
        .andExpect(jsonPath("$.detail", containsString("approx-distinct-users keeps a mergeable sketch")));
    // An average combines (each window's mean weighted by its valued events): SketchBoardApiTest.
    mvc.perform(get("/v1/leaderboards/rbp-avg").param("from", FROM).param("to", TO)).andExpect(status().isOk());
  }

  @Test
  void rangeFiltersAreCheckedLikeASingleWindowsFilters() throws Exception {
    expectProblem(mvc, get(PATH).param("last", "1h").param("type", "click"), "unknown-dimension", "type");
    expectProblem(mvc, get(PATH).param("last", "1h").param("limit", "0"), "invalid-limit", "limit");
  }
}
