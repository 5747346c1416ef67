package io.pulse.query.sessions;

import static io.pulse.query.ProblemAssertions.expectProblem;
import static org.hamcrest.Matchers.closeTo;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Session statistics: one row per session, merged-away sessions left out, newest revision only. */
@ApiTest
class SessionsApiTest {

  private static final String AGG = "sessions-per-user";
  private static final String NOT_SESSIONS = "sessions-tumbling";
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @BeforeEach
  void rows() {
    TestData.define(clickHouse, AGG, "{\"type\":\"SESSION\",\"gap\":\"PT30M\"}", "[\"country\"]", "userId", "COUNT");
    TestData.tumbling(clickHouse, NOT_SESSIONS, "[]");
    TestData.insert(clickHouse,
        // u1: a 10-minute session with 6 events (revision 2 supersedes 1), final.
        Row.of(AGG, T0, 600_000, "u1", 4, 1).withCountry("DE"),
        Row.of(AGG, T0, 600_000, "u1", 6, 2).withCountry("DE").asFinal(),
        // u2: a 2-minute session, still open; plus a session merged into it (retracted).
        Row.of(AGG, T0.plusSeconds(60), 120_000, "u2", 2, 3).withCountry("FR"),
        Row.of(AGG, T0.plusSeconds(60), 30_000, "u2", 1, 1).withCountry("FR"),
        Row.of(AGG, T0.plusSeconds(60), 30_000, "u2", 1, 2).withCountry("FR").asRetracted(),
        // u1 again, a later single-event session.
        Row.of(AGG, T0.plusSeconds(3000), 0, "u1", 1, 1).withCountry("DE"));
  }

  @Test
  void statisticsCountEachLiveSessionOnce() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/sessions")
            .param("from", "2026-03-01T08:00:00Z").param("to", "2026-03-01T09:00:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sessions", is(3)))
        .andExpect(jsonPath("$.users", is(2)))
        .andExpect(jsonPath("$.openSessions", is(2)))
        .andExpect(jsonPath("$.events", is(9)))
        .andExpect(jsonPath("$.avgEventsPerSession", closeTo(3.0, 1e-9)))
        .andExpect(jsonPath("$.avgLengthMs", closeTo(240_000.0, 1e-6)))
        .andExpect(jsonPath("$.maxLengthMs", is(600_000)))
        .andExpect(jsonPath("$.top[*].key", contains("u1", "u2", "u1")))
        .andExpect(jsonPath("$.top[0].count", is(6)))
        .andExpect(jsonPath("$.top[0].lengthMs", is(600_000)))
        .andExpect(jsonPath("$.top[0].final", is(true)))
        .andExpect(jsonPath("$.top[0].revision", is(2)))
        .andExpect(jsonPath("$.top[0].windowStart", is("2026-03-01T08:00:00Z")))
        .andExpect(jsonPath("$.top[0].windowEnd", is("2026-03-01T08:10:00Z")));
  }

  @Test
  void keyAndFacetNarrowTheSessions() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/sessions").param("key", "u1")
            .param("from", "2026-03-01T08:00:00Z").param("to", "2026-03-01T09:00:00Z"))
        .andExpect(jsonPath("$.sessions", is(2)))
        .andExpect(jsonPath("$.events", is(7)));
    mvc.perform(get("/v1/aggregations/" + AGG + "/sessions").param("country", "FR")
            .param("from", "2026-03-01T08:00:00Z").param("to", "2026-03-01T09:00:00Z"))
        .andExpect(jsonPath("$.sessions", is(1)))
        .andExpect(jsonPath("$.avgLengthMs", closeTo(120_000.0, 1e-6)));
  }

  @Test
  void theDefaultRangeEndsAfterTheNewestSessionAndAnEmptyRangeIsZeros() throws Exception {
    mvc.perform(get("/v1/aggregations/" + AGG + "/sessions"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.to", is("2026-03-01T08:50:00.001Z")))
        .andExpect(jsonPath("$.sessions", is(3)));
    mvc.perform(get("/v1/aggregations/" + AGG + "/sessions")
            .param("from", "2020-01-01T00:00:00Z").param("to", "2020-01-01T01:00:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sessions", is(0)))
        .andExpect(jsonPath("$.avgEventsPerSession", is(0.0)))
        .andExpect(jsonPath("$.top", hasSize(0)));
  }

  @Test
  void badParametersAreProblemsNamingTheParameter() throws Exception {
    String path = "/v1/aggregations/" + AGG + "/sessions";
    expectProblem(mvc, get("/v1/aggregations/" + NOT_SESSIONS + "/sessions"), "not-a-session-aggregation", "aggregation");
    expectProblem(mvc, get("/v1/aggregations/nope/sessions"), "unknown-aggregation", "aggregation");
    expectProblem(mvc, get(path).param("from", "soon"), "invalid-time", "from");
    expectProblem(mvc, get(path).param("from", "2026-03-02T00:00:00Z").param("to", "2026-03-01T00:00:00Z"),
        "invalid-range", "from");
    expectProblem(mvc, get(path).param("plan", "pro"), "unknown-dimension", "plan");
    expectProblem(mvc, get(path).param("sort", "desc"), "unknown-parameter", "sort");
  }
}
