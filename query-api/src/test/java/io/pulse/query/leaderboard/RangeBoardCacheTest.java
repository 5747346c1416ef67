package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import io.pulse.query.aggregations.AggregationCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Range boards with the closed-window cache over a real ClickHouse: every answer equals the range combined in
 * ClickHouse without the cache (entries, counts, revisions, final, amended, late counts), cold and warm, and a
 * cached window that gets a new row after it was cached is read again. The cache is shown to be used (hits), so
 * the equalities are not those of two uncached reads.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeBoardCacheTest {

  private static final long MINUTE = 60_000;
  private static final Instant FIRST = Instant.parse("2026-05-04T10:00:00Z");
  private static final int WINDOWS = 180;
  /** Windows 0..149 are final; the watermark is at the end of 150, so 150 closed but still provisional in parts. */
  private static final Instant WATERMARK = FIRST.plusSeconds(151 * 60);
  private static final List<String> COUNTRIES = List.of("DE", "FR", "US");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired RangeBoardReader reader;
  @Autowired AggregationCatalog catalog;
  @Autowired ClickHouse clickHouse;
  @Autowired MeterRegistry registry;
  @Autowired MockMvc mvc;
  @Autowired WindowCacheFiller filler;

  @BeforeAll
  void rows() {
    TestData.define(clickHouse, "rbc-count", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[\"country\"]", "entityId",
        "COUNT", "SIDE", "PT10M");
    TestData.define(clickHouse, "rbc-sum", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[\"country\"]", "entityId",
        "SUM", "AMEND", "PT10M");
    for (String measure : List.of("MIN", "MAX")) {
      TestData.define(clickHouse, "rbc-" + measure.toLowerCase(), "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]",
          "entityId", measure);
    }
    Random random = new Random(42);
    for (String name : List.of("rbc-count", "rbc-sum", "rbc-min", "rbc-max")) {
      List<String> countries = name.endsWith("min") || name.endsWith("max") ? List.of("") : COUNTRIES;
      List<Row> written = new ArrayList<>();
      for (int w = 0; w < WINDOWS; w++) {
        for (int k = 0; k < 20; k++) {
          for (String country : countries) {
            if (random.nextInt(10) < 3) {
              continue;
            }
            long count = 1 + random.nextInt(3 + k);
            // quarters add up exactly in any order, so sums compare exactly
            double value = name.equals("rbc-count") ? count : (random.nextInt(400) - 100) / 4.0;
            Row row = Row.of(name, FIRST.plusSeconds(w * 60L), MINUTE, "k%02d".formatted(k), count, 2)
                .withCountry(country).withValue(value).withWatermark(WATERMARK);
            boolean isFinal = w < 150 || (w == 150 && random.nextBoolean());
            if (random.nextInt(4) == 0) {
              written.add(row.withValue(value + 1000)); // an older revision, superseded
            }
            row = new Row(row.aggregation(), row.startMs(), row.endMs(), row.key(), row.type(), row.country(), row.plan(),
                row.count(), row.value(), 3, isFinal, false, row.watermarkMs(), isFinal && random.nextInt(15) == 0,
                isFinal && random.nextInt(12) == 0 ? 1 + random.nextInt(3) : 0);
            written.add(row);
            if (random.nextInt(10) == 0) {
              written.add(row); // re-sent
            }
          }
        }
      }
      TestData.insert(clickHouse, written);
    }
  }

  @Test
  void cachedAnswersEqualTheUncachedOnesOnRandomRanges() {
    Random random = new Random(5);
    double hitsBefore = hits();
    for (int i = 0; i < 120; i++) {
      String name = List.of("rbc-count", "rbc-sum", "rbc-min", "rbc-max").get(random.nextInt(4));
      int first = random.nextInt(WINDOWS + 10) - 5;
      int windows = 1 + random.nextInt(90);
      BoardRange.Span span = new BoardRange.Span(FIRST.toEpochMilli() + first * MINUTE,
          FIRST.toEpochMilli() + (first + windows) * MINUTE, MINUTE);
      Map<String, String> filter = !name.endsWith("m") && random.nextBoolean() ? Map.of("country", "DE") : Map.of();
      int limit = random.nextBoolean() ? 5 : 100;
      boolean closed = WATERMARK.toEpochMilli() >= span.endMs();
      AggregationDefinition definition = catalog.require(name);
      RangeBoardReader.Ranked uncached = reader.uncached(definition, span, closed, limit, filter);
      assertThat(reader.top(definition, span, closed, WATERMARK, limit, filter)).as("%s %s %s", name, span, filter)
          .isEqualTo(uncached);
      filled();
      assertThat(reader.top(definition, span, closed, WATERMARK, limit, filter)).as("again, %s %s", name, span)
          .isEqualTo(uncached);
    }
    assertThat(hits()).as("windows came from the cache").isGreaterThan(hitsBefore + 1_000);
  }

  @Test
  void aCachedWindowThatGetsANewRowIsReadAgain() {
    // A window long past its allowed lateness gets written to anyway: by a task that lags behind the others'
    // watermark, or a late event amending it. The next read must show it.
    TestData.tumbling(clickHouse, "rbc-stale", "[\"country\"]");
    Instant w = Instant.parse("2026-05-05T08:00:00Z");
    Instant watermark = w.plusSeconds(3600);
    TestData.insert(clickHouse,
        Row.of("rbc-stale", w, MINUTE, "a", 5, 1).withCountry("DE").asFinal().withWatermark(watermark),
        Row.of("rbc-stale", w.plusSeconds(60), MINUTE, "a", 4, 1).withCountry("DE").asFinal().withWatermark(watermark),
        Row.of("rbc-stale", w.plusSeconds(60), MINUTE, "b", 6, 1).withCountry("FR").asFinal().withWatermark(watermark));
    AggregationDefinition definition = catalog.require("rbc-stale");
    BoardRange.Span span = new BoardRange.Span(w.toEpochMilli(), w.plusSeconds(180).toEpochMilli(), MINUTE);
    assertThat(values(reader.top(definition, span, true, watermark, 10, Map.of()))).isEqualTo(Map.of("a", 9.0, "b", 6.0));
    filled();
    double hitsBefore = hits();
    assertThat(values(reader.top(definition, span, true, watermark, 10, Map.of()))).isEqualTo(Map.of("a", 9.0, "b", 6.0));
    assertThat(hits()).as("the second read came from the cache (the third window has no rows)").isEqualTo(hitsBefore + 2);

    // a's first window amended (a higher revision), and a group no read has seen yet in the second
    TestData.insert(clickHouse,
        Row.of("rbc-stale", w, MINUTE, "a", 8, 2).withCountry("DE").asAmended().withWatermark(watermark),
        Row.of("rbc-stale", w.plusSeconds(60), MINUTE, "c", 30, 1).withCountry("DE").asFinal().withWatermark(watermark));
    RangeBoardReader.Ranked after = reader.top(definition, span, true, watermark, 10, Map.of());
    assertThat(values(after)).isEqualTo(Map.of("c", 30.0, "a", 12.0, "b", 6.0));
    assertThat(after).isEqualTo(reader.uncached(definition, span, true, 10, Map.of()));
    assertThat(after.entries().get(1).amended()).isTrue();
    assertThat(after.entries().get(1).revision()).isEqualTo(3);
    assertThat(values(reader.top(definition, span, true, watermark, 10, Map.of("country", "DE"))))
        .isEqualTo(Map.of("c", 30.0, "a", 12.0));

    // a provisional row in a cached window: the board is no longer final
    TestData.insert(clickHouse, Row.of("rbc-stale", w, MINUTE, "b", 1, 1).withCountry("FR").withWatermark(watermark));
    RangeBoardReader.Ranked provisional = reader.top(definition, span, true, watermark, 1, Map.of());
    assertThat(provisional.isFinal()).isFalse();
    assertThat(provisional).isEqualTo(reader.uncached(definition, span, true, 1, Map.of()));
  }

  @Test
  void aRowRewrittenWithTheSameRevisionIsReadAgain() {
    // An aggregator that lost its state counts a window again from revision 1; ClickHouse keeps the last
    // insert of equal revisions, so the values change while keys and revisions stay.
    TestData.tumbling(clickHouse, "rbc-rewritten", "[]");
    Instant w = Instant.parse("2026-05-05T09:00:00Z");
    Instant watermark = w.plusSeconds(3600);
    TestData.insert(clickHouse, Row.of("rbc-rewritten", w, MINUTE, "a", 5, 1).asFinal().withWatermark(watermark),
        Row.of("rbc-rewritten", w, MINUTE, "b", 4, 1).asFinal().withWatermark(watermark));
    AggregationDefinition definition = catalog.require("rbc-rewritten");
    BoardRange.Span span = new BoardRange.Span(w.toEpochMilli(), w.plusSeconds(60).toEpochMilli(), MINUTE);
    reader.top(definition, span, true, watermark, 10, Map.of());
    filled();
    double hitsBefore = hits();
    assertThat(values(reader.top(definition, span, true, watermark, 10, Map.of()))).isEqualTo(Map.of("a", 5.0, "b", 4.0));
    assertThat(hits()).isEqualTo(hitsBefore + 1);

    TestData.insert(clickHouse, Row.of("rbc-rewritten", w, MINUTE, "a", 2, 1).asFinal().withWatermark(watermark));
    clickHouse.execute("OPTIMIZE TABLE window_aggregates FINAL"); // the old copy merged away: one row per key again
    RangeBoardReader.Ranked after = reader.top(definition, span, true, watermark, 10, Map.of());
    assertThat(values(after)).isEqualTo(Map.of("b", 4.0, "a", 2.0));
    assertThat(after).isEqualTo(reader.uncached(definition, span, true, 10, Map.of()));
  }

  @Test
  void windowsWithinTheAllowedLatenessAreNeverCached() {
    TestData.define(clickHouse, "rbc-amend", "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", "COUNT",
        "AMEND", "PT10M");
    Instant w = Instant.parse("2026-05-06T08:00:00Z");
    Instant watermark = w.plusSeconds(5 * 60); // every window closed, all within 10 minutes of lateness
    TestData.insert(clickHouse,
        Row.of("rbc-amend", w, MINUTE, "a", 5, 1).asFinal().withWatermark(watermark),
        Row.of("rbc-amend", w.plusSeconds(60), MINUTE, "b", 7, 1).asFinal().withWatermark(watermark));
    AggregationDefinition definition = catalog.require("rbc-amend");
    BoardRange.Span span = new BoardRange.Span(w.toEpochMilli(), w.plusSeconds(120).toEpochMilli(), MINUTE);
    double hitsBefore = hits();
    double missesBefore = misses();
    reader.top(definition, span, true, watermark, 10, Map.of());
    filled();
    reader.top(definition, span, true, watermark, 10, Map.of());
    assertThat(hits()).isEqualTo(hitsBefore);
    assertThat(misses()).as("not even looked up").isEqualTo(missesBefore);
    // past the lateness, they are
    Instant later = w.plusSeconds(13 * 60);
    reader.top(definition, span, true, later, 10, Map.of());
    filled();
    assertThat(values(reader.top(definition, span, true, later, 10, Map.of()))).isEqualTo(Map.of("b", 7.0, "a", 5.0));
    assertThat(hits()).isEqualTo(hitsBefore + 2);
  }

  @Test
  void theApiShowsAnAmendedWindowOfARangeItReadBefore() throws Exception {
    TestData.tumbling(clickHouse, "rbc-api", "[]");
    Instant w = Instant.parse("2026-05-07T08:00:00Z");
    Instant watermark = w.plusSeconds(3600);
    TestData.insert(clickHouse,
        Row.of("rbc-api", w, MINUTE, "a", 5, 1).asFinal().withWatermark(watermark),
        Row.of("rbc-api", w.plusSeconds(60), MINUTE, "a", 5, 1).asFinal().withWatermark(watermark));
    String uri = "/v1/leaderboards/rbc-api?from=2026-05-07T08:00:00Z&to=2026-05-07T08:02:00Z";
    assertThat(board(uri).path("entries").get(0).path("value").asDouble()).isEqualTo(10.0);
    filled();
    double hitsBefore = hits();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      assertThat(board(uri).path("entries").get(0).path("value").asDouble()).isEqualTo(10.0);
      assertThat(hits()).as("read from the cache once board-ttl let the request through").isGreaterThan(hitsBefore);
    });
    TestData.insert(clickHouse, Row.of("rbc-api", w, MINUTE, "a", 9, 2).asAmended().withWatermark(watermark));
    // board-ttl shares an answer for 250 ms; after that the amended window shows
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      JsonNode entry = board(uri).path("entries").get(0);
      assertThat(entry.path("value").asDouble()).isEqualTo(14.0);
      assertThat(entry.path("amended").asBoolean()).isTrue();
      assertThat(entry.path("revision").asLong()).isEqualTo(3);
    });
  }

  /** The background fill is done: windows a read just marked are cached now (or were not cacheable). */
  private void filled() {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !filler.busy());
  }

  private JsonNode board(String uri) throws Exception {
    return JSON.readTree(mvc.perform(get(uri)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }

  private static Map<String, Double> values(RangeBoardReader.Ranked ranked) {
    Map<String, Double> values = new java.util.LinkedHashMap<>();
    ranked.entries().forEach(entry -> values.put(entry.key(), entry.value()));
    return values;
  }

  private double hits() {
    return registry.get("cache.gets").tag("cache", "range-windows").tag("result", "hit").functionCounter().count();
  }

  private double misses() {
    return registry.get("cache.gets").tag("cache", "range-windows").tag("result", "miss").functionCounter().count();
  }
}
