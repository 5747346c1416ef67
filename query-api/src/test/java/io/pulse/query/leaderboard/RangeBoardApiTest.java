package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Range boards over a real ClickHouse: the board of {@code last=1h} (and of from/to) is the exact top 10
 * computed here from the same rows, with and without a facet filter; min and max combine; final only
 * when every window of the range is. The clock is fixed, so "now" is the same for the test and the API.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeBoardApiTest {

  static final Instant NOW = Instant.parse("2026-03-10T10:30:20Z");
  private static final String CLICKS = "rb-clicks";
  private static final long MINUTE = 60_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> COUNTRIES = List.of("DE", "FR", "US");

  /** Now is fixed: {@code last} resolves the same way at every request. */
  @TestConfiguration(proxyBeanMethods = false)
  static class FixedClock {
    @Bean
    @Primary
    Clock fixedClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  /** The newest revision of every row written, as the test knows it. */
  private final List<Row> newest = new ArrayList<>();

  @BeforeAll
  void rows() {
    TestData.tumbling(clickHouse, CLICKS, "[\"country\"]");
    Random random = new Random(12);
    List<Row> written = new ArrayList<>();
    Instant current = Instant.parse("2026-03-10T10:30:00Z");
    Instant watermark = NOW.minusSeconds(30);
    // 08:00 .. 10:31: before the range, the range (09:31 .. 10:30, the current window last), and one
    // window after it. k00, k01 and k02, the quietest keys, lead only outside the range: a board that counted a
    // window too many on either side would rank them first.
    for (Instant start = Instant.parse("2026-03-10T08:00:00Z"); !start.isAfter(current.plusSeconds(60));
        start = start.plusSeconds(60)) {
      boolean isFinal = start.isBefore(current);
      for (int k = 0; k < 25; k++) {
        for (String country : COUNTRIES) {
          if (random.nextInt(10) < 4) {
            continue;
          }
          long count = 1 + random.nextInt(5 + 2 * k);
          if (k == 0 && start.isBefore(Instant.parse("2026-03-10T09:31:00Z"))) {
            count += 1_000;
          }
          if ((k == 1 && start.equals(Instant.parse("2026-03-10T09:30:00Z"))) || (k == 2 && start.isAfter(current))) {
            count += 5_000;
          }
          String key = "k%02d".formatted(k);
          Row row = Row.of(CLICKS, start, MINUTE, key, count, 2).withCountry(country).withWatermark(watermark);
          row = isFinal ? row.asFinal() : row;
          if (random.nextInt(4) == 0) {
            // an older, provisional revision that must never be added to the newest one
            written.add(Row.of(CLICKS, start, MINUTE, key, count + 100, 1).withCountry(country).withWatermark(watermark));
          }
          written.add(row);
          if (random.nextInt(8) == 0) {
            written.add(row); // re-sent: still one row
          }
          newest.add(row);
        }
      }
    }
    TestData.insert(clickHouse, written);
  }

  @Test
  void lastHourIsTheExactTopTenOfTheSixtyWindowsUpToTheCurrentOne() throws Exception {
    List<Expected> expected = topTen(row -> true, "2026-03-10T09:31:00Z", "2026-03-10T10:31:00Z");
    assertThat(expected).extracting(Expected::key).doesNotContain("k00", "k01", "k02");
    JsonNode board = board("/v1/leaderboards/" + CLICKS + "?last=1h");
    assertEntries(board, expected);
    assertThat(board.path("window").asString()).isEqualTo("range");
    assertThat(board.path("windowType").asString()).isEqualTo("TUMBLING");
    assertThat(board.path("windowStart").asString()).isEqualTo("2026-03-10T09:31:00Z");
    assertThat(board.path("windowEnd").asString()).isEqualTo("2026-03-10T10:31:00Z");
    assertThat(board.path("final").asBoolean()).as("the current window is open").isFalse();
    assertThat(board.path("watermark").asString()).isEqualTo("2026-03-10T10:29:50Z");
    assertThat(board.path("entries").get(0).path("windowStart").asString()).isEqualTo("2026-03-10T09:31:00Z");
    assertThat(board.path("entries").get(0).path("windowEnd").asString()).isEqualTo("2026-03-10T10:31:00Z");
    assertThat(board.path("entries").get(0).path("final").asBoolean()).isFalse();
    // The same windows, by other names.
    assertEntries(board("/v1/leaderboards/" + CLICKS + "?last=PT60M"), expected);
    assertEntries(board("/v1/leaderboards/" + CLICKS + "?from=2026-03-10T09:31:00Z&to=2026-03-10T10:31:00Z"), expected);
    assertEntries(board("/v1/leaderboards/" + CLICKS + "?last=3599s"),
        topTen(row -> true, "2026-03-10T09:32:00Z", "2026-03-10T10:31:00Z"));
  }

  @Test
  void aFacetFilterRanksTheGroupsByTheirRowsOfThatFacetOnly() throws Exception {
    List<Expected> germany = topTen(row -> row.country().equals("DE"), "2026-03-10T09:31:00Z", "2026-03-10T10:31:00Z");
    assertThat(germany).isNotEqualTo(topTen(row -> true, "2026-03-10T09:31:00Z", "2026-03-10T10:31:00Z"));
    assertEntries(board("/v1/leaderboards/" + CLICKS + "?last=1h&country=DE"), germany);
  }

  @Test
  void fromAndToCombineTheWindowsLyingWhollyInside() throws Exception {
    // 09:30:30 .. 10:30:59: the windows 09:31 .. 10:29; neither 09:30 nor 10:30 lies wholly inside.
    List<Expected> expected = topTen(row -> true, "2026-03-10T09:31:00Z", "2026-03-10T10:30:00Z");
    JsonNode board = board("/v1/leaderboards/" + CLICKS + "?from=2026-03-10T09:30:30Z&to=2026-03-10T10:30:59Z&limit=10");
    assertEntries(board, expected);
    assertThat(board.path("windowStart").asString()).isEqualTo("2026-03-10T09:31:00Z");
    assertThat(board.path("windowEnd").asString()).isEqualTo("2026-03-10T10:30:00Z");
  }

  @Test
  void minAndMaxTakeTheExtremeOfTheNewestRevisionsAndCountsAdd() throws Exception {
    Instant w0 = Instant.parse("2026-03-09T12:00:00Z");
    Instant w1 = w0.plusSeconds(60);
    Instant w2 = w0.plusSeconds(120);
    for (String measure : List.of("MIN", "MAX")) {
      String name = "rb-" + measure.toLowerCase();
      TestData.define(clickHouse, name, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", measure);
      TestData.insert(clickHouse,
          Row.of(name, w0, MINUTE, "a", 2, 1).withValue(5).asFinal(),
          Row.of(name, w1, MINUTE, "a", 3, 1).withValue(-50), // superseded: neither extreme may count
          Row.of(name, w1, MINUTE, "a", 4, 2).withValue(1).asFinal(),
          Row.of(name, w2, MINUTE, "a", 1, 1).withValue(9).asFinal(),
          Row.of(name, w0, MINUTE, "b", 5, 1).withValue(3).asFinal(),
          Row.of(name, w2, MINUTE, "b", 2, 1).withValue(7).asFinal(),
          Row.of(name, w2.plusSeconds(60), MINUTE, "b", 1, 1).withValue(100).asFinal()); // after the range
    }
    mvc.perform(get("/v1/leaderboards/rb-min").param("from", "2026-03-09T12:00:00Z").param("to", "2026-03-09T12:03:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("b", "a")))
        .andExpect(jsonPath("$.entries[*].value", contains(3.0, 1.0)))
        .andExpect(jsonPath("$.entries[*].count", contains(7, 7)));
    mvc.perform(get("/v1/leaderboards/rb-max").param("from", "2026-03-09T12:00:00Z").param("to", "2026-03-09T12:03:00Z"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("a", "b")))
        .andExpect(jsonPath("$.entries[*].value", contains(9.0, 7.0)))
        .andExpect(jsonPath("$.entries[*].revision", contains(4, 2)));
  }

  @Test
  void aRangeIsFinalOnlyWhenEveryWindowInItIs() throws Exception {
    Instant w0 = Instant.parse("2026-03-09T08:00:00Z");
    Instant watermark = w0.plusSeconds(150); // 08:02:30: 08:00 and 08:01 are closed, 08:02 is not
    TestData.tumbling(clickHouse, "rb-final", "[]");
    TestData.insert(clickHouse,
        Row.of("rb-final", w0, MINUTE, "a", 9, 1).asFinal().withWatermark(watermark),
        Row.of("rb-final", w0.plusSeconds(60), MINUTE, "a", 9, 1).asFinal().withWatermark(watermark),
        Row.of("rb-final", w0.plusSeconds(60), MINUTE, "b", 2, 1).withWatermark(watermark),
        Row.of("rb-final", w0.plusSeconds(60), MINUTE, "b", 3, 2).asFinal().withWatermark(watermark),
        Row.of("rb-final", w0, MINUTE, "c", 1, 1).withWatermark(watermark));
    String path = "/v1/leaderboards/rb-final";
    // 08:00 .. 08:02: closed; a's and b's rows are final, c's only row is not: the board is not final, though its top is.
    mvc.perform(get(path).param("from", "2026-03-09T08:00:00Z").param("to", "2026-03-09T08:02:00Z").param("limit", "2"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries[*].key", contains("a", "b")))
        .andExpect(jsonPath("$.entries[*].value", contains(18.0, 3.0)))
        .andExpect(jsonPath("$.entries[*].final", contains(true, true)))
        .andExpect(jsonPath("$.final", is(false)));
    // c's window final too: now every window is.
    TestData.insert(clickHouse, Row.of("rb-final", w0, MINUTE, "c", 1, 2).asFinal().withWatermark(watermark));
    mvc.perform(get(path).param("from", "2026-03-09T08:00:00Z").param("to", "2026-03-09T08:02:00Z").param("limit", "3"))
        .andExpect(jsonPath("$.entries[*].final", contains(true, true, true)))
        .andExpect(jsonPath("$.final", is(true)));
    // 08:00 .. 08:03: every row is final, but the watermark has not passed 08:03, so 08:02 may still get rows.
    mvc.perform(get(path).param("from", "2026-03-09T08:00:00Z").param("to", "2026-03-09T08:03:00Z"))
        .andExpect(jsonPath("$.entries[*].key", contains("a", "b", "c")))
        .andExpect(jsonPath("$.entries[*].final", contains(false, false, false)))
        .andExpect(jsonPath("$.final", is(false)));
  }

  private JsonNode board(String uri) throws Exception {
    String body = mvc.perform(get(uri)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return JSON.readTree(body);
  }

  private static void assertEntries(JsonNode board, List<Expected> expected) {
    List<Expected> actual = new ArrayList<>();
    for (JsonNode entry : board.path("entries")) {
      actual.add(new Expected(entry.path("key").asString(), entry.path("value").asDouble(), entry.path("count").asLong()));
      assertThat(entry.path("rank").asInt()).isEqualTo(actual.size());
    }
    assertThat(actual).isEqualTo(expected);
  }

  /** The top ten computed from the newest rows: windows starting in [from, to), facet rows added, value desc then key. */
  private List<Expected> topTen(Predicate<Row> filter, String from, String to) {
    long lo = Instant.parse(from).toEpochMilli();
    long hi = Instant.parse(to).toEpochMilli();
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : newest) {
      if (row.startMs() >= lo && row.startMs() < hi && filter.test(row)) {
        counts.merge(row.key(), row.count(), Long::sum);
      }
    }
    return counts.entrySet().stream()
        .map(e -> new Expected(e.getKey(), e.getValue(), e.getValue()))
        .sorted(Comparator.comparingDouble(Expected::value).reversed().thenComparing(Expected::key))
        .limit(10)
        .toList();
  }

  private record Expected(String key, double value, long count) {}
}
