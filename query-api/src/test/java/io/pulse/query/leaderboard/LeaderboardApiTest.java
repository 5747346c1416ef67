package io.pulse.query.leaderboard;

import static io.pulse.query.ProblemAssertions.expectProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
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

/** The leaderboard endpoint over a real ClickHouse holding hand-written window rows. */
@ApiTest
class LeaderboardApiTest {

  static final String BOARD = "lb-entity";
  static final String SLIDING = "lb-sliding";
  static final String SLIDING_NOW = "lb-sliding-now";
  static final String SESSIONS = "lb-sessions";
  static final String EMPTY = "lb-empty";
  static final String AMENDED = "lb-late-amend";
  static final String SIDE = "lb-late-side";
  private static final long MINUTE = 60_000;
  private static final Instant W1 = Instant.parse("2026-01-01T12:00:00Z");
  private static final Instant W2 = Instant.parse("2026-01-01T12:01:00Z");

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  @BeforeEach
  void rows() {
    TestData.tumbling(clickHouse, BOARD, "[\"type\"]");
    TestData.tumbling(clickHouse, EMPTY, "[]");
    TestData.define(clickHouse, SLIDING, "{\"type\":\"SLIDING\",\"size\":\"PT5M\"}", "[]", "entityId", "COUNT");
    TestData.define(clickHouse, SLIDING_NOW, "{\"type\":\"SLIDING\",\"size\":\"PT5M\"}", "[]", "entityId", "COUNT");
    TestData.define(clickHouse, SESSIONS, "{\"type\":\"SESSION\",\"gap\":\"PT30M\"}", "[]", "userId", "COUNT");
    Instant closing = Instant.parse("2026-01-01T12:01:00Z");
    TestData.insert(clickHouse,
        // p1 has three revisions of its click row: only the newest (5) may count, never the sum.
        Row.of(BOARD, W1, MINUTE, "p1", 3, 1).withType("click").withWatermark(W1),
        Row.of(BOARD, W1, MINUTE, "p1", 4, 2).withType("click").withWatermark(W1),
        Row.of(BOARD, W1, MINUTE, "p1", 5, 3).withType("click").withWatermark(closing).asFinal(),
        Row.of(BOARD, W1, MINUTE, "p1", 2, 1).withType("view").withWatermark(closing).asFinal(),
        Row.of(BOARD, W1, MINUTE, "p2", 6, 1).withType("click").withWatermark(closing).asFinal(),
        Row.of(BOARD, W1, MINUTE, "p3", 1, 1).withType("view").withWatermark(closing).asFinal(),
        // p4's newest revision retracts it: none of its versions may show.
        Row.of(BOARD, W1, MINUTE, "p4", 9, 1).withType("click").withWatermark(W1),
        Row.of(BOARD, W1, MINUTE, "p4", 9, 2).withType("click").withWatermark(closing).asRetracted(),
        Row.of(BOARD, W2, MINUTE, "p9", 1, 1).withType("click").withWatermark(Instant.parse("2026-01-01T12:01:30Z")));
    TestData.lateEvents(clickHouse, BOARD, 3);
    Instant t = Instant.parse("2026-01-01T11:50:00Z");
    TestData.insert(clickHouse,
        Row.of(SLIDING, t.plusSeconds(300), 5 * MINUTE, "a", 4, 1),
        Row.of(SLIDING, t.plusSeconds(370), 5 * MINUTE, "a", 6, 1),
        Row.of(SLIDING, t.plusSeconds(480), 5 * MINUTE, "b", 5, 1),
        Row.of(SLIDING, t, 5 * MINUTE, "c", 100, 1));
    // What Kafka Streams writes for views at 12:00 and 12:02 of "a" and at 11:50 of "b", stream
    // time 12:02: a window ending at each view, and one starting 1 ms after the 12:00 view (it
    // holds only the 12:02 one). "b"'s only window ended more than 5 minutes ago.
    Instant noon = Instant.parse("2026-01-01T12:00:00Z");
    Instant watermark = noon.plusSeconds(120 - 30); // stream time 12:02 minus the 30 s grace
    TestData.insert(clickHouse,
        Row.of(SLIDING_NOW, noon.minusSeconds(300), 5 * MINUTE, "a", 1, 1).withWatermark(watermark),
        Row.of(SLIDING_NOW, noon.minusSeconds(180), 5 * MINUTE, "a", 2, 1).withWatermark(watermark),
        Row.of(SLIDING_NOW, noon.plusMillis(1), 5 * MINUTE, "a", 1, 1).withWatermark(watermark),
        Row.of(SLIDING_NOW, noon.minusSeconds(900), 5 * MINUTE, "b", 7, 1).withWatermark(watermark));
  }

  @Test
  void ranksGroupsByTheNewestRevisionSummedOverFacets() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("windowStart", "2026-01-01T12:00:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.window", is("at")))
        .andExpect(jsonPath("$.windowType", is("TUMBLING")))
        .andExpect(jsonPath("$.entries[*].key", contains("p1", "p2", "p3")))
        .andExpect(jsonPath("$.entries[*].value", contains(7.0, 6.0, 1.0)))
        .andExpect(jsonPath("$.entries[*].rank", contains(1, 2, 3)))
        .andExpect(jsonPath("$.entries[0].count", is(7)))
        .andExpect(jsonPath("$.entries[0].revision", is(4)))
        .andExpect(jsonPath("$.entries[0].windowStart", is("2026-01-01T12:00:00Z")))
        .andExpect(jsonPath("$.entries[0].windowEnd", is("2026-01-01T12:01:00Z")))
        .andExpect(jsonPath("$.entries[0].final", is(true)))
        .andExpect(jsonPath("$.final", is(true)))
        .andExpect(jsonPath("$.windowStart", is("2026-01-01T12:00:00Z")))
        .andExpect(jsonPath("$.windowEnd", is("2026-01-01T12:01:00Z")));
  }

  @Test
  void anEntryIsAmendedWhenAnyOfItsFacetRowsIsInItsNewestRevision() throws Exception {
    TestData.define(clickHouse, AMENDED, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[\"type\"]", "entityId",
        "COUNT", "AMEND", "PT5M");
    TestData.insert(clickHouse,
        // p1's click row was reopened by a late event: revision 2 is final, amended, one event more.
        Row.of(AMENDED, W1, MINUTE, "p1", 3, 1).withType("click").asFinal(),
        Row.of(AMENDED, W1, MINUTE, "p1", 4, 2).withType("click").asAmended(),
        Row.of(AMENDED, W1, MINUTE, "p1", 2, 1).withType("view").asFinal(),
        Row.of(AMENDED, W1, MINUTE, "p2", 5, 1).withType("click").asFinal());
    mvc.perform(get("/v1/leaderboards/" + AMENDED).param("windowStart", "2026-01-01T12:00:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("p1", "p2")))
        .andExpect(jsonPath("$.entries[*].value", contains(6.0, 5.0)))
        .andExpect(jsonPath("$.entries[*].amended", contains(true, false)))
        .andExpect(jsonPath("$.entries[*].final", contains(true, true)))
        .andExpect(jsonPath("$.entries[*].lateCount", contains(0, 0)))
        .andExpect(jsonPath("$.amended", is(true)))
        .andExpect(jsonPath("$.final", is(true)));
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("windowStart", "2026-01-01T12:00:00Z"))
        .andExpect(jsonPath("$.entries[*].amended", contains(false, false, false)))
        .andExpect(jsonPath("$.amended", is(false)));
  }

  @Test
  void anEntrysLateCountIsTheNewestRevisionsSummedOverFacetsBesideAnUnchangedValue() throws Exception {
    TestData.define(clickHouse, SIDE, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[\"type\"]", "entityId",
        "COUNT", "SIDE", "PT5M");
    TestData.insert(clickHouse,
        // Revisions 1 and 2 of p1's click row: only the newest late count (3) counts, never 1 + 3.
        Row.of(SIDE, W1, MINUTE, "p1", 4, 1).withType("click").asFinal().withLateCount(1),
        Row.of(SIDE, W1, MINUTE, "p1", 4, 2).withType("click").asFinal().withLateCount(3),
        Row.of(SIDE, W1, MINUTE, "p1", 2, 1).withType("view").asFinal().withLateCount(2),
        Row.of(SIDE, W1, MINUTE, "p2", 1, 1).withType("view").asFinal());
    mvc.perform(get("/v1/leaderboards/" + SIDE).param("window", "closed"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("p1", "p2")))
        .andExpect(jsonPath("$.entries[*].value", contains(6.0, 1.0)))
        .andExpect(jsonPath("$.entries[*].lateCount", contains(5, 0)))
        .andExpect(jsonPath("$.entries[*].amended", contains(false, false)))
        .andExpect(jsonPath("$.amended", is(false)));
    mvc.perform(get("/v1/leaderboards/" + SIDE).param("window", "closed").param("type", "view"))
        .andExpect(jsonPath("$.entries[*].lateCount", contains(2, 0)));
  }

  @Test
  void everyBoardCarriesTheWatermarkAndTheLateEventCount() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.watermark", is("2026-01-01T12:01:30Z")))
        .andExpect(jsonPath("$.lateEvents", is(3)));
  }

  @Test
  void theCurrentWindowIsTheDefaultAndProvisional() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.window", is("current")))
        .andExpect(jsonPath("$.windowStart", is("2026-01-01T12:01:00Z")))
        .andExpect(jsonPath("$.final", is(false)))
        .andExpect(jsonPath("$.entries[*].key", contains("p9")))
        .andExpect(jsonPath("$.entries[0].final", is(false)));
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("window", "current"))
        .andExpect(jsonPath("$.windowStart", is("2026-01-01T12:01:00Z")));
  }

  @Test
  void theClosedWindowIsTheNewestFinalOne() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("window", "closed"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.window", is("closed")))
        .andExpect(jsonPath("$.windowStart", is("2026-01-01T12:00:00Z")))
        .andExpect(jsonPath("$.final", is(true)))
        .andExpect(jsonPath("$.entries[*].key", contains("p1", "p2", "p3")));
  }

  @Test
  void windowStartMayBeEpochMillis() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("windowStart", String.valueOf(W1.toEpochMilli())))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[0].key", is("p1")));
  }

  @Test
  void facetFilterAndLimitNarrowTheBoard() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("windowStart", "2026-01-01T12:00:00Z")
            .param("type", "click").param("limit", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(1)))
        .andExpect(jsonPath("$.entries[0].key", is("p2")))
        .andExpect(jsonPath("$.entries[0].value", is(6.0)));
  }

  @Test
  void injectionInAFilterValueIsJustAValueThatMatchesNothing() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + BOARD).param("windowStart", "2026-01-01T12:00:00Z")
            .param("type", "click' OR '1'='1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(0)));
  }

  @Test
  void anAggregationWithoutRowsHasAnEmptyBoard() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + EMPTY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(0)))
        .andExpect(jsonPath("$.windowStart", nullValue()))
        .andExpect(jsonPath("$.watermark", nullValue()))
        .andExpect(jsonPath("$.lateEvents", is(0)));
  }

  @Test
  void aSlidingBoardRanksEachGroupsNewestWindowWithinOneWindowSize() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + SLIDING))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.windowType", is("SLIDING")))
        .andExpect(jsonPath("$.entries[*].key", contains("a", "b")))
        .andExpect(jsonPath("$.entries[*].value", contains(6.0, 5.0)))
        .andExpect(jsonPath("$.entries[0].windowStart", is("2026-01-01T11:56:10Z")))
        .andExpect(jsonPath("$.entries[0].windowEnd", is("2026-01-01T12:01:10Z")))
        .andExpect(jsonPath("$.windowStart", is("2026-01-01T11:53:00Z")))
        .andExpect(jsonPath("$.windowEnd", is("2026-01-01T12:03:00Z")));
  }

  /** The window that starts last is the one about to drop the group's older events; the count now ends at stream time. */
  @Test
  void aSlidingBoardShowsEachGroupsCountAsOfStreamTime() throws Exception {
    mvc.perform(get("/v1/leaderboards/" + SLIDING_NOW))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("a")))
        .andExpect(jsonPath("$.entries[0].value", is(2.0)))
        .andExpect(jsonPath("$.entries[0].windowStart", is("2026-01-01T11:57:00Z")))
        .andExpect(jsonPath("$.entries[0].windowEnd", is("2026-01-01T12:02:00Z")))
        .andExpect(jsonPath("$.windowEnd", is("2026-01-01T12:02:00Z")));
  }

  @Test
  void badParametersAreProblemsNamingTheParameter() throws Exception {
    String path = "/v1/leaderboards/" + BOARD;
    expectProblem(mvc, get("/v1/leaderboards/nope"), "unknown-aggregation", "aggregation");
    expectProblem(mvc, get("/v1/leaderboards/{a}", "x' OR 1=1 --"), "unknown-aggregation", "aggregation");
    expectProblem(mvc, get("/v1/leaderboards/" + SESSIONS), "session-aggregation", "aggregation");
    expectProblem(mvc, get(path).param("limit", "0"), "invalid-limit", "limit");
    expectProblem(mvc, get(path).param("limit", "101"), "invalid-limit", "limit");
    expectProblem(mvc, get(path).param("limit", "ten"), "invalid-limit", "limit");
    expectProblem(mvc, get(path).param("limit", "99999999999999999999"), "invalid-limit", "limit");
    expectProblem(mvc, get(path).param("windowStart", "yesterday"), "invalid-time", "windowStart");
    expectProblem(mvc, get(path).param("windowStart", "2026-01-01T12:00:00"), "invalid-time", "windowStart");
    expectProblem(mvc, get(path).param("window", "tomorrow"), "invalid-window", "window");
    expectProblem(mvc, get(path).param("window", "closed").param("windowStart", "2026-01-01T12:00:00Z"),
        "conflicting-window", "window");
    expectProblem(mvc, get(path).param("country", "DE"), "unknown-dimension", "country");
    expectProblem(mvc, get(path).param("device", "ios"), "unknown-parameter", "device");
    expectProblem(mvc, get(path).param("type", "x".repeat(300)), "invalid-value", "type");
    expectProblem(mvc, get(path).param("type", ""), "invalid-value", "type");
    mvc.perform(get("/v1/leaderboards/nope"))
        .andExpect(jsonPath("$.detail", containsString(BOARD)));
  }
}
