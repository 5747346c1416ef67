package io.pulse.query.leaderboard;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ClickHouseTestSupport;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The leaderboard endpoint over a real ClickHouse holding hand-written window rows. */
@SpringBootTest
@AutoConfigureMockMvc
class LeaderboardApiTest {

  private static final long W1 = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
  private static final long W2 = Instant.parse("2026-01-01T12:01:00Z").toEpochMilli();

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @BeforeEach
  void rows() {
    clickHouse.execute("TRUNCATE TABLE window_aggregates");
    clickHouse.execute("TRUNCATE TABLE aggregation_definitions");
    clickHouse.execute("""
        INSERT INTO aggregation_definitions (name, definition, updated_at_ms) VALUES ('per-entity',
        '{"name":"per-entity","eventTypes":[],"groupBy":"entityId","facets":["type"],"measure":"COUNT","window":{"type":"TUMBLING","size":"PT1M"},"grace":"PT5M","emit":"UPDATES"}', 1)""");
    // p1 has three revisions of its click row: only the newest (5) may count, never the sum.
    row(W1, "p1", "click", 3, 1);
    row(W1, "p1", "click", 4, 2);
    row(W1, "p1", "click", 5, 3);
    row(W1, "p1", "view", 2, 1);
    row(W1, "p2", "click", 6, 1);
    row(W1, "p3", "view", 1, 1);
    row(W2, "p9", "click", 1, 1);
  }

  @Test
  void ranksGroupsByTheNewestRevisionSummedOverFacets() throws Exception {
    mvc.perform(get("/v1/leaderboards/per-entity").param("windowStart", "2026-01-01T12:00:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("p1", "p2", "p3")))
        .andExpect(jsonPath("$.entries[*].value", contains(7.0, 6.0, 1.0)))
        .andExpect(jsonPath("$.entries[0].rank", is(1)))
        .andExpect(jsonPath("$.entries[0].windowStart", is("2026-01-01T12:00:00Z")))
        .andExpect(jsonPath("$.entries[0].windowEnd", is("2026-01-01T12:01:00Z")))
        .andExpect(jsonPath("$.entries[0].final", is(false)));
  }

  @Test
  void withoutAWindowTheLatestWindowIsShown() throws Exception {
    mvc.perform(get("/v1/leaderboards/per-entity"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.windowStart", is("2026-01-01T12:01:00Z")))
        .andExpect(jsonPath("$.entries[*].key", contains("p9")));
  }

  @Test
  void facetFilterAndLimitNarrowTheBoard() throws Exception {
    mvc.perform(get("/v1/leaderboards/per-entity").param("windowStart", "2026-01-01T12:00:00Z")
            .param("type", "click").param("limit", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(1)))
        .andExpect(jsonPath("$.entries[0].key", is("p2")))
        .andExpect(jsonPath("$.entries[0].value", is(6.0)));
  }

  @Test
  void injectionInAFilterValueIsJustAValueThatMatchesNothing() throws Exception {
    mvc.perform(get("/v1/leaderboards/per-entity").param("windowStart", "2026-01-01T12:00:00Z")
            .param("type", "click' OR '1'='1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(0)));
  }

  @Test
  void badParametersAreProblemsNamingTheParameter() throws Exception {
    expectProblem(get("/v1/leaderboards/nope"), "unknown-aggregation", "aggregation");
    expectProblem(get("/v1/leaderboards/per-entity").param("limit", "0"), "invalid-limit", "limit");
    expectProblem(get("/v1/leaderboards/per-entity").param("limit", "101"), "invalid-limit", "limit");
    expectProblem(get("/v1/leaderboards/per-entity").param("limit", "ten"), "invalid-limit", "limit");
    expectProblem(get("/v1/leaderboards/per-entity").param("windowStart", "yesterday"), "invalid-time", "windowStart");
    expectProblem(get("/v1/leaderboards/per-entity").param("country", "DE"), "unknown-dimension", "country");
  }

  private void expectProblem(org.springframework.test.web.servlet.RequestBuilder request, String code, String parameter)
      throws Exception {
    mvc.perform(request)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type", is("https://pulse.dev/problems/" + code)))
        .andExpect(jsonPath("$.parameter", is(parameter)))
        .andExpect(jsonPath("$.detail", containsString(parameter.equals("aggregation") ? "declared" : "")));
  }

  private void row(long windowStart, String key, String type, long count, long revision) {
    clickHouse.execute("""
        INSERT INTO window_aggregates (aggregation, window_start_ms, window_end_ms, group_key, type, country, plan,
          event_count, value, revision, is_final, retracted, emitted_at_ms)
        VALUES ('per-entity', :start, :end, :key, :type, '', '', :count, :count, :revision, 0, 0, 0)""",
        Map.of("start", windowStart, "end", windowStart + 60_000, "key", key, "type", type,
            "count", count, "revision", revision));
  }
}
