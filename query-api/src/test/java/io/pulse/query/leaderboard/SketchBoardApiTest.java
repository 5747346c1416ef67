package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.UserHash;
import io.pulse.contracts.sketch.ValueQuantiles;
import io.pulse.query.ApiTest;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Sketched measures over a real ClickHouse: an hour of 1-minute windows whose rows carry the sketches the
 * aggregator writes. A range board merges them, and its percentiles (108,000 skewed values) and distinct users
 * (users returning across windows) are within the stated error of the exact answers computed here from the same
 * values; a one-window board gives each entry's declared percentiles.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SketchBoardApiTest {

  private static final String LATENCY = "sk-latency";
  private static final String VISITORS = "sk-visitors";
  private static final String ORDER_VALUE = "sk-order-value";
  private static final Instant HOUR = Instant.parse("2026-02-01T10:00:00Z");
  private static final long MINUTE = 60_000;
  private static final int KEYS = 12;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired ClickHouse clickHouse;

  /** Per key, every value of the hour and those of its first window; per key, every user of the hour. */
  private final Map<String, List<Double>> hourValues = new HashMap<>();
  private final Map<String, List<Double>> firstWindowValues = new HashMap<>();
  private final Map<String, Set<String>> hourUsers = new HashMap<>();
  /** Per key, every value of the hour (for the average). */
  private final Map<String, List<Double>> hourOrderValues = new HashMap<>();

  @BeforeAll
  void rows() {
    String window = "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}";
    TestData.define(clickHouse, LATENCY, window, "[]", "entityId", "PERCENTILES");
    TestData.define(clickHouse, VISITORS, window, "[]", "entityId", "APPROX_DISTINCT_USERS");
    TestData.define(clickHouse, ORDER_VALUE, window, "[]", "entityId", "AVG");
    SplittableRandom random = new SplittableRandom(3);
    List<TestData.SketchedRow> rows = new ArrayList<>();
    for (int w = 0; w < 60; w++) {
      long start = HOUR.toEpochMilli() + w * MINUTE;
      for (int k = 0; k < KEYS; k++) {
        String key = "k%02d".formatted(k);
        // Log-normal latencies, each key 15 % slower than the one before: the ranking is not a coin toss.
        ValueQuantiles latencies = ValueQuantiles.empty();
        for (int i = 0; i < 150; i++) {
          double value = Math.exp(random.nextGaussian() * 1.5) * Math.pow(1.15, k);
          latencies.add(value);
          hourValues.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
          if (w == 0) {
            firstWindowValues.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
          }
        }
        rows.add(new TestData.SketchedRow(LATENCY, start, MINUTE, key, 150, latencies.percentile(50), latencies.toBase64()));
        // Visitors: 10 % more users per key, half of each window's users were there the window before.
        ApproxDistinct visitors = ApproxDistinct.empty();
        int perWindow = (int) (200 * Math.pow(1.1, k));
        for (int u = w * perWindow / 2; u < w * perWindow / 2 + perWindow; u++) {
          String user = key + "-u" + u;
          visitors.add(UserHash.of(user));
          hourUsers.computeIfAbsent(key, x -> new HashSet<>()).add(user);
        }
        rows.add(new TestData.SketchedRow(VISITORS, start, MINUTE, key, perWindow, visitors.estimate(), visitors.toBase64()));
        // Order values: windows of very different sizes and means, so an unweighted mean of means is far off.
        int orders = 1 + random.nextInt(w % 7 == 0 ? 200 : 5);
        double sum = 0;
        for (int i = 0; i < orders; i++) {
          double value = (w % 7 == 0 ? 10 : 100) * (1 + k * 0.2) + random.nextInt(10);
          sum += value;
          hourOrderValues.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
        }
        rows.add(new TestData.SketchedRow(ORDER_VALUE, start, MINUTE, key, orders, sum / orders, ""));
      }
    }
    TestData.insertSketched(clickHouse, rows);
  }

  @Test
  void aRangeMergesTheWindowsPercentilesWithinTheirStatedErrorOfTheExactOnes() throws Exception {
    JsonNode board = board("/v1/leaderboards/" + LATENCY + "?from=2026-02-01T10:00:00Z&to=2026-02-01T11:00:00Z&limit=5");

    assertThat(board.path("relativeError").asDouble()).isEqualTo(ValueQuantiles.RELATIVE_ERROR);
    assertThat(board.path("final").asBoolean()).isTrue();
    List<String> exactOrder = hourValues.keySet().stream()
        .sorted(Comparator.comparingDouble((String key) -> -exact(hourValues.get(key), 50))).limit(5).toList();
    assertThat(board.path("entries").valueStream().map(entry -> entry.path("key").asString()).toList())
        .isEqualTo(exactOrder).startsWith("k11");
    for (JsonNode entry : board.path("entries")) {
      List<Double> values = hourValues.get(entry.path("key").asString());
      assertThat(entry.path("count").asLong()).isEqualTo(60 * 150);
      assertThat(entry.path("value").asDouble()).isEqualTo(entry.path("percentiles").path("p50").asDouble());
      for (String p : List.of("50", "95", "99")) {
        double exact = exact(values, Double.parseDouble(p));
        assertThat(entry.path("percentiles").path("p" + p).asDouble()).as("%s p%s", entry.path("key").asString(), p)
            .isCloseTo(exact, within(exact * ValueQuantiles.RELATIVE_ERROR));
      }
    }
  }

  @Test
  void oneWindowsBoardGivesEachEntryItsDeclaredPercentiles() throws Exception {
    JsonNode board = board("/v1/leaderboards/" + LATENCY + "?windowStart=2026-02-01T10:00:00Z&limit=3");

    assertThat(board.path("entries")).hasSize(3);
    for (JsonNode entry : board.path("entries")) {
      List<Double> values = firstWindowValues.get(entry.path("key").asString());
      assertThat(entry.path("percentiles").propertyNames()).containsExactly("p50", "p95", "p99");
      double exact = exact(values, 95);
      assertThat(entry.path("percentiles").path("p95").asDouble()).isCloseTo(exact, within(exact * ValueQuantiles.RELATIVE_ERROR));
    }
  }

  @Test
  void aRangeCountsAUserSeenInSeveralWindowsOnce() throws Exception {
    JsonNode board = board("/v1/leaderboards/" + VISITORS + "?from=2026-02-01T10:00:00Z&to=2026-02-01T11:00:00Z");

    assertThat(board.path("relativeError").asDouble()).isEqualTo(ApproxDistinct.RELATIVE_ERROR);
    assertThat(board.path("entries")).hasSize(10);
    assertThat(board.path("entries").get(0).path("key").asString()).isEqualTo("k11");
    for (JsonNode entry : board.path("entries")) {
      long exact = hourUsers.get(entry.path("key").asString()).size();
      assertThat(entry.path("value").asDouble()).as(entry.path("key").asString())
          .isCloseTo(exact, within(exact * ApproxDistinct.RELATIVE_ERROR));
      assertThat(entry.has("percentiles")).isFalse();
    }
  }

  @Test
  void aRangesAverageWeightsEachWindowsMeanByItsValuedEvents() throws Exception {
    JsonNode board = board("/v1/leaderboards/" + ORDER_VALUE + "?from=2026-02-01T10:00:00Z&to=2026-02-01T11:00:00Z");

    assertThat(board.has("relativeError")).as("an exact measure").isFalse();
    assertThat(board.path("entries")).hasSize(10);
    for (JsonNode entry : board.path("entries")) {
      List<Double> values = hourOrderValues.get(entry.path("key").asString());
      double exact = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(entry.path("value").asDouble()).as(entry.path("key").asString()).isCloseTo(exact, within(1e-9));
      assertThat(entry.path("count").asLong()).isEqualTo(values.size());
    }
    assertThat(board.path("entries").get(0).path("key").asString()).isEqualTo("k11");
  }

  @Test
  void theListingStatesEachSketchedMeasuresError() throws Exception {
    Map<String, JsonNode> listed = new HashMap<>();
    board("/v1/aggregations").forEach(aggregation -> listed.put(aggregation.path("name").asString(), aggregation));

    assertThat(listed.get(LATENCY).path("relativeError").asDouble()).isEqualTo(0.01);
    assertThat(listed.get(LATENCY).path("percentiles").valueStream().map(JsonNode::asDouble).toList())
        .containsExactly(50.0, 95.0, 99.0);
    assertThat(listed.get(VISITORS).path("relativeError").asDouble()).isEqualTo(0.035);
  }

  /** The exact value at a percentile, ranked as the sketches rank: floor(p / 100 * (n - 1)). */
  private static double exact(List<Double> values, double percentile) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[(int) Math.floor(percentile / 100 * (sorted.length - 1))];
  }

  private JsonNode board(String uri) throws Exception {
    return JSON.readTree(mvc.perform(get(uri)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
  }
}
