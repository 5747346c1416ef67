package io.pulse.query.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.query.LiveServerTest;
import io.pulse.query.ReadKey;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The page as an explorer, in headless Chromium against the real query API and ClickHouse: facet filters,
 * range boards (last hour, last day, a custom from..to), the measure's unit, the chart's time axis and the
 * watermark of a final board. Every test declares its own aggregation, so none reads another's rows.
 */
@LiveServerTest
@Tag(TestServers.LOCAL_ONLY)
class LeaderboardExplorerBrowserTest extends BrowserTest {

  private static final long MINUTE = 60_000;
  private static final Instant PAST = Instant.parse("2026-05-04T18:42:00Z");

  @Test
  void aFacetFilterShowsTheFilteredRankingAndTheUrlKeepsIt() throws IOException {
    String agg = "ui-explore-facets";
    TestData.tumbling(clickHouse, agg, "[\"country\"]");
    TestData.insert(clickHouse,
        Row.of(agg, PAST, MINUTE, "alpha", 30, 1).withCountry("DE"),
        Row.of(agg, PAST, MINUTE, "beta", 5, 1).withCountry("DE"),
        Row.of(agg, PAST, MINUTE, "alpha", 1, 1).withCountry("US"),
        Row.of(agg, PAST, MINUTE, "beta", 40, 1).withCountry("US"));
    live.awaitListed(agg);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(List.of("beta", "alpha")) && value("beta").equals("45"));
    assertThat(browser.findElements(By.cssSelector("#facet-filters select[data-facet]"))).as("only the declared facet")
        .extracting(select -> select.getAttribute("data-facet")).containsExactly("country");
    Select country = new Select(browser.findElement(By.cssSelector("#facet-filters select[data-facet=country]")));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> country.getOptions().size() == 3);
    assertThat(country.getOptions()).extracting(WebElement::getText).containsExactly("all", "DE", "US");
    assertThat(country.getFirstSelectedOption().getText()).isEqualTo("all");
    assertThat(live.text("measure-label")).contains("events");
    assertThat(live.entry("beta").findElement(By.cssSelector(".unit")).getText()).isEqualTo("events");

    country.selectByValue("DE");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(List.of("alpha", "beta")) && value("alpha").equals("30"));
    assertThat(value("beta")).isEqualTo("5");
    assertThat(browser.getCurrentUrl()).contains("country=DE");
    live.screenshot("leaderboard-facet.png");

    browser.get(live.url("?aggregation=" + agg + "&country=US"));   // a shared view
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(List.of("beta", "alpha")) && value("beta").equals("40") && value("alpha").equals("1"));
    assertThat(new Select(browser.findElement(By.cssSelector("#facet-filters select[data-facet=country]")))
        .getFirstSelectedOption().getText()).isEqualTo("US");
  }

  @Test
  void lastHourShowsTheWindowsCombinedAndIsDisabledForAHoppingAggregation() {
    String agg = "ui-explore-range";
    String hopping = "ui-explore-hopping";
    TestData.tumbling(clickHouse, agg, "[]");
    TestData.define(clickHouse, hopping, "{\"type\":\"HOPPING\",\"size\":\"PT5M\",\"advance\":\"PT1M\"}", "[]", "entityId",
        "SUM");
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    List<Row> rows = new ArrayList<>();
    long[] alpha = {10, 20, 30};
    long[] beta = {25, 25, 5};
    int[] minutesAgo = {2, 5, 10};
    for (int i = 0; i < minutesAgo.length; i++) {
      Instant start = minute.minus(minutesAgo[i], ChronoUnit.MINUTES);
      rows.add(Row.of(agg, start, MINUTE, "alpha", alpha[i], 1).asFinal().withWatermark(minute));
      rows.add(Row.of(agg, start, MINUTE, "beta", beta[i], 1).asFinal().withWatermark(minute));
    }
    rows.add(Row.of(hopping, PAST, 5 * MINUTE, "alpha", 3, 1).withValue(12.5));
    TestData.insert(clickHouse, rows);
    live.awaitListed(agg, hopping);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg + "&window=closed"));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> value("beta").equals("25"));
    modeButton("1h").click();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> live.keys().equals(List.of("alpha", "beta")) && value("alpha").equals("60") && value("beta").equals("55"));
    assertThat(browser.getCurrentUrl()).contains("last=1h");
    assertThat(live.text("window-range")).contains("windows combined");

    modeButton("24h").click();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> browser.getCurrentUrl().contains("last=24h") && value("alpha").equals("60"));

    browser.get(live.url("?aggregation=" + hopping));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> live.keys().equals(List.of("alpha")));
    for (String mode : List.of("1h", "24h", "custom")) {
      assertThat(modeButton(mode).isEnabled()).as(mode).isFalse();
      assertThat(modeButton(mode).getAttribute("title")).as(mode).contains("tumbling windows only");
    }
    assertThat(modeButton("current").isEnabled()).isTrue();
    assertThat(live.text("measure-label")).contains("sum of value");
    // The row's key can render before its value cell is filled: wait for the value itself.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(value("alpha")).isEqualTo("12.5"));
  }

  @Test
  void aCustomRangeWhoseFromIsNotBeforeItsToShowsTheProblemsMessage() throws IOException {
    String agg = "ui-explore-custom";
    TestData.tumbling(clickHouse, agg, "[]");
    TestData.insert(clickHouse, Row.of(agg, PAST, MINUTE, "alpha", 7, 1).asFinal());
    live.awaitListed(agg);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> live.keys().equals(List.of("alpha")));
    modeButton("custom").click();
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("custom-range")).isDisplayed());
    ((JavascriptExecutor) browser).executeScript("""
        document.getElementById('range-from').value = '2026-05-04T19:00';
        document.getElementById('range-to').value = '2026-05-04T18:00';""");
    browser.findElement(By.id("range-apply")).click();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> browser.findElement(By.id("error")).isDisplayed() && live.text("error").contains("from must be before to"));
    assertThat(live.keys()).as("no stale board under the message").isEmpty();
    live.screenshot("leaderboard-range-problem.png");
    assertThat(browser.getCurrentUrl()).contains("from=").contains("to=");

    browser.get(live.url("?aggregation=" + agg + "&from=2026-05-04T18:00:00Z&to=2026-05-04T18:00:00Z"));   // shared as is
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> browser.findElement(By.id("error")).isDisplayed() && live.text("error").contains("from must be before to"));

    browser.get(live.url("?aggregation=" + agg + "&from=2026-05-04T18:30:00Z&to=2026-05-04T19:00:00Z"));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> live.keys().equals(List.of("alpha")) && value("alpha").equals("7"));
    assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
  }

  @Test
  void theChartsTimeAxisSpansOneWindowOrHundredsNotYears() {
    String one = "ui-explore-one-window";
    String many = "ui-explore-many-windows";
    TestData.tumbling(clickHouse, one, "[]");
    TestData.tumbling(clickHouse, many, "[]");
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(one, PAST, MINUTE, "alpha", 4, 1));
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    for (int ago = 1; ago <= 300; ago++) {
      rows.add(Row.of(many, minute.minus(ago, ChronoUnit.MINUTES), MINUTE, "alpha", 10 + ago % 7, 1).asFinal());
    }
    TestData.insert(clickHouse, rows);
    live.awaitListed(one, many);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + one));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> xSpanSeconds() != null);
    assertThat(xSpanSeconds()).as("one window: its own minute").isEqualTo(60);

    browser.get(live.url("?aggregation=" + many + "&last=24h"));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> xSpanSeconds() != null && xSpanSeconds() == 300 * 60);
  }

  @Test
  void aFinalBoardShowsNoWatermarkBeforeItsWindowsEnd() {
    String agg = "ui-explore-final";
    TestData.tumbling(clickHouse, agg, "[]");
    Instant staleWatermark = PAST.minus(10, ChronoUnit.MINUTES);
    TestData.insert(clickHouse,
        Row.of(agg, PAST, MINUTE, "alpha", 9, 2).asFinal().withWatermark(staleWatermark),
        Row.of(agg, PAST, MINUTE, "beta", 3, 2).asFinal().withWatermark(staleWatermark));
    live.awaitListed(agg);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg + "&window=closed"));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> live.keys().size() == 2 && live.text("badge").equalsIgnoreCase("final"));
    WebElement watermark = browser.findElement(By.id("watermark"));
    Instant shown = Instant.parse(watermark.getAttribute("data-watermark"));
    assertThat(shown).isAfterOrEqualTo(PAST.plusMillis(MINUTE));
    assertThat(watermark.getText()).startsWith("≥");
    assertThat(watermark.getAttribute("title")).contains("final");
  }

  @Test
  void theSessionsViewFollowsAFacetFilter() {
    String agg = "ui-explore-sessions";
    TestData.define(clickHouse, agg, "{\"type\":\"SESSION\",\"gap\":\"PT30M\"}", "[\"country\"]", "userId", "COUNT");
    TestData.insert(clickHouse,
        Row.of(agg, PAST, 10 * MINUTE, "u1", 5, 1).withCountry("DE").asFinal(),
        Row.of(agg, PAST.plusSeconds(60), 4 * MINUTE, "u2", 9, 1).withCountry("US").asFinal(),
        Row.of(agg, PAST.plusSeconds(120), 2 * MINUTE, "u3", 2, 1).withCountry("DE").asFinal());
    live.awaitListed(agg);

    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + agg));
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> sessionKeys().equals(List.of("u2", "u1", "u3")) && tile("Sessions").equals("3"));
    assertThat(browser.findElement(By.id("window-modes")).isDisplayed()).as("sessions have no window to pick").isFalse();
    Select country = new Select(browser.findElement(By.cssSelector("#facet-filters select[data-facet=country]")));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> country.getOptions().size() == 3);
    country.selectByValue("DE");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> sessionKeys().equals(List.of("u1", "u3")) && tile("Sessions").equals("2"));
    assertThat(browser.getCurrentUrl()).contains("country=DE");
  }

  private List<String> sessionKeys() {
    return browser.findElements(By.cssSelector("#sessions .entry")).stream()
        .map(element -> element.getAttribute("data-key"))
        .toList();
  }

  private String tile(String label) {
    return browser.findElements(By.cssSelector("#sessions .tile")).stream()
        .filter(tile -> tile.findElement(By.tagName("small")).getText().equalsIgnoreCase(label))
        .map(tile -> tile.findElement(By.tagName("b")).getText())
        .findFirst().orElse("");
  }

  private Long xSpanSeconds() {
    WebElement chart = browser.findElement(By.id("chart"));
    String min = chart.getAttribute("data-x-min");
    String max = chart.getAttribute("data-x-max");
    if (min == null || max == null || min.isEmpty() || max.isEmpty()) {
      return null;
    }
    return Math.round(Double.parseDouble(max) - Double.parseDouble(min));
  }

  private WebElement modeButton(String mode) {
    return browser.findElement(By.cssSelector("#window-modes [data-window='" + mode + "']"));
  }

  private String value(String key) {
    return live.entry(key).findElement(By.cssSelector(".number")).getText();
  }

}
