package io.pulse.query.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.UserHash;
import io.pulse.contracts.sketch.ValueQuantiles;
import io.pulse.query.LiveServerTest;
import io.pulse.query.ReadKey;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Sketched measures on the page, in headless Chromium against the real query API and ClickHouse: the unit
 * names the ranking percentile or says the users are approximate, the measure's error bound stands beside it
 * (title, every entry, chart), and a percentiles board shows each entry's other declared percentiles. The rows
 * carry real sketches, and what the page shows is compared with those sketches' own answers, formatted as the
 * page formats numbers. An exact measure shows neither bound nor percentiles.
 */
@LiveServerTest
@Tag(TestServers.LOCAL_ONLY)
class SketchedMeasuresBrowserTest extends BrowserTest {

  private static final long MINUTE = 60_000;
  private static final Instant PAST = Instant.parse("2026-05-04T18:42:00Z");
  private static final List<String> KEYS = List.of("alpha", "beta", "gamma", "delta");

  @Test
  void aPercentilesBoardShowsItsRankingPercentileTheBoundAndEachEntrysOtherPercentiles() throws IOException {
    String agg = "ui-sketch-latency";
    TestData.define(clickHouse, agg, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", "PERCENTILES");
    Map<String, ValueQuantiles> sketches = latencies(agg, 50);
    live.awaitListed(agg);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg));
    List<String> ranked = rankedBy(sketches, 50);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(ranked) && value(ranked.getFirst()).equals(shown(sketches.get(ranked.getFirst()).percentile(50))));

    assertThat(live.text("measure-label")).isEqualTo("· p50 of value");
    assertThat(live.text("measure-bound")).isEqualTo("±1 %");
    for (String key : KEYS) {
      ValueQuantiles sketch = sketches.get(key);
      assertThat(value(key)).as(key).isEqualTo(shown(sketch.percentile(50)));
      assertThat(entryText(key, ".unit")).as(key).isEqualTo("p50 of value");
      assertThat(entryText(key, ".bound")).as(key).isEqualTo("±1 %");
      assertThat(entryText(key, ".percentiles")).as(key)
          .isEqualTo("p95 " + shown(sketch.percentile(95)) + " · p99 " + shown(sketch.percentile(99)));
    }
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.text("chart-subtitle").startsWith("p50 of value ±1 % · 1 window"));
    live.screenshot("leaderboard-percentiles.png");
  }

  @Test
  void theFirstDeclaredPercentileRanksAndTheOthersFollowInDeclaredOrder() {
    String agg = "ui-sketch-p90";
    String definition = """
        {"name":"%s","eventTypes":[],"groupBy":"entityId","facets":[],"measure":"PERCENTILES",\
        "window":{"type":"TUMBLING","size":"PT1M"},"grace":"PT30S","emit":"UPDATES","percentiles":[90,50,99.9]}"""
        .formatted(agg);
    clickHouse.execute("INSERT INTO aggregation_definitions (name, definition, updated_at_ms) VALUES (:name, :definition, 1)",
        Map.of("name", agg, "definition", definition));
    Map<String, ValueQuantiles> sketches = latencies(agg, 90);
    live.awaitListed(agg);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg));
    List<String> ranked = rankedBy(sketches, 90);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(ranked) && value(ranked.getFirst()).equals(shown(sketches.get(ranked.getFirst()).percentile(90))));

    assertThat(live.text("measure-label")).isEqualTo("· p90 of value");
    for (String key : KEYS) {
      ValueQuantiles sketch = sketches.get(key);
      assertThat(value(key)).as(key).isEqualTo(shown(sketch.percentile(90)));
      assertThat(entryText(key, ".unit")).as(key).isEqualTo("p90 of value");
      assertThat(entryText(key, ".percentiles")).as(key)
          .isEqualTo("p50 " + shown(sketch.percentile(50)) + " · p99.9 " + shown(sketch.percentile(99.9)));
    }
  }

  @Test
  void approxDistinctUsersSayApproxWithTheirBoundAndAnExactMeasureShowsNeither() throws IOException {
    String agg = "ui-sketch-visitors";
    String exact = "ui-sketch-exact";
    TestData.define(clickHouse, agg, "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}", "[]", "entityId", "APPROX_DISTINCT_USERS");
    TestData.tumbling(clickHouse, exact, "[]");
    List<TestData.SketchedRow> rows = new ArrayList<>();
    Map<String, Long> estimates = new LinkedHashMap<>();
    for (int k = 0; k < KEYS.size(); k++) {
      String key = KEYS.get(k);
      ApproxDistinct users = ApproxDistinct.empty();
      int distinct = 300 + 450 * k;   // up to 1,650: the page groups thousands
      for (int u = 0; u < distinct; u++) {
        users.add(UserHash.of(key + "-u" + u));
        users.add(UserHash.of(key + "-u" + u));   // a user seen twice counts once
      }
      estimates.put(key, users.estimate());
      rows.add(new TestData.SketchedRow(agg, PAST.toEpochMilli(), MINUTE, key, 2L * distinct, users.estimate(),
          users.toBase64()));
    }
    TestData.insertSketched(clickHouse, rows);
    TestData.insert(clickHouse, Row.of(exact, PAST, MINUTE, "alpha", 7, 1).asFinal());
    live.awaitListed(agg, exact);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg));
    List<String> ranked = estimates.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(Map.Entry::getKey).toList();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(ranked) && value(ranked.getFirst()).equals(shown(estimates.get(ranked.getFirst()))));

    assertThat(live.text("measure-label")).isEqualTo("· users (approx.)");
    assertThat(live.text("measure-bound")).isEqualTo("±3.5 %");
    for (String key : KEYS) {
      assertThat(value(key)).as(key).isEqualTo(shown(estimates.get(key)));
      assertThat(entryText(key, ".unit")).as(key).isEqualTo("users (approx.)");
      assertThat(entryText(key, ".bound")).as(key).isEqualTo("±3.5 %");
      assertThat(live.entry(key).findElement(By.cssSelector(".percentiles")).isDisplayed()).as(key).isFalse();
    }
    live.screenshot("leaderboard-approx-users.png");

    browser.get(live.url("?aggregation=" + exact));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(List.of("alpha")) && value("alpha").equals("7"));
    assertThat(live.text("measure-label")).isEqualTo("· events");
    assertThat(browser.findElement(By.id("measure-bound")).isDisplayed()).isFalse();
    assertThat(live.entry("alpha").findElement(By.cssSelector(".bound")).isDisplayed()).isFalse();
    assertThat(live.entry("alpha").findElement(By.cssSelector(".percentiles")).isDisplayed()).isFalse();
    assertThat(entryText("alpha", ".value small")).isEqualTo("events · rev 1");
  }

  /**
   * One final window of log-normal latencies per key, each key twice as slow as the one before, written as the
   * aggregator writes it: the value is the sketch's answer at the ranking percentile, the sketch beside it.
   */
  private Map<String, ValueQuantiles> latencies(String agg, double rankingPercentile) {
    SplittableRandom random = new SplittableRandom(agg.hashCode());
    Map<String, ValueQuantiles> sketches = new LinkedHashMap<>();
    List<TestData.SketchedRow> rows = new ArrayList<>();
    for (int k = 0; k < KEYS.size(); k++) {
      ValueQuantiles sketch = ValueQuantiles.empty();
      for (int i = 0; i < 400; i++) {
        sketch.add(Math.exp(random.nextGaussian()) * 12 * Math.pow(2, k));
      }
      sketches.put(KEYS.get(k), sketch);
      rows.add(new TestData.SketchedRow(agg, PAST.toEpochMilli(), MINUTE, KEYS.get(k), sketch.count(),
          sketch.percentile(rankingPercentile), sketch.toBase64()));
    }
    TestData.insertSketched(clickHouse, rows);
    return sketches;
  }

  private static List<String> rankedBy(Map<String, ValueQuantiles> sketches, double percentile) {
    return sketches.keySet().stream()
        .sorted(Comparator.comparingDouble((String key) -> sketches.get(key).percentile(percentile)).reversed())
        .collect(Collectors.toList());
  }

  /**
   * A value as format.js {@code number()} shows it in the browser's (English) locale: whole numbers with
   * grouping, others with at most two decimals, rounded half away from zero as Intl.NumberFormat does.
   * Values from a million on are shown compact, which this does not mirror: the test keeps below that.
   */
  private static String shown(double value) {
    assertThat(Math.abs(value)).as("compact notation is not mirrored here").isLessThan(1e6);
    DecimalFormat format = new DecimalFormat(value == Math.rint(value) ? "#,##0" : "#,##0.##",
        DecimalFormatSymbols.getInstance(Locale.US));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format.format(value);
  }

  private String value(String key) {
    return entryText(key, ".number");
  }

  private String entryText(String key, String selector) {
    return live.entry(key).findElement(By.cssSelector(selector)).getText().strip();
  }
}
