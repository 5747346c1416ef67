package io.pulse.query.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.query.LiveServerTest;
import io.pulse.query.ReadKey;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import io.pulse.testservers.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The page in a real headless Chromium against a real query API (read keys on) and ClickHouse: it
 * takes its read key from the URL or asks for one, shows the leader, follows a change of order
 * without a reload, marks amended windows and late counts, and is saved as screenshots under target/.
 * Local only: it drives Debian's Chromium (scripts/ensure-chromium.sh), which -Pcontainers does not need.
 */
@LiveServerTest
@Tag(TestServers.LOCAL_ONLY)
class LeaderboardPageBrowserTest extends BrowserTest {

  private static final String AGG = "ui-top-products";
  private static final long MINUTE = 60_000;
  private static final Instant NOW = Instant.parse("2026-05-04T18:42:00Z");

  @BeforeEach
  void rows() {
    TestData.tumbling(clickHouse, AGG, "[]");
    List<Row> rows = new ArrayList<>();
    String[] products = {"espresso-machine", "noise-cancelling-headphones", "trail-running-shoes", "standing-desk",
        "mechanical-keyboard", "smart-thermostat", "cast-iron-skillet"};
    long[] now = {40, 33, 27, 21, 15, 9, 4};
    for (int i = 0; i < products.length; i++) {
      rows.add(Row.of(AGG, NOW, MINUTE, products[i], now[i], 1).withWatermark(NOW.plusSeconds(30)));
    }
    // Thirty closed minutes of history for the chart of the leader.
    for (int minute = 1; minute <= 30; minute++) {
      long value = 20 + Math.round(15 * Math.sin(minute / 4.0)) + minute;
      rows.add(Row.of(AGG, NOW.minusSeconds(60L * minute), MINUTE, "espresso-machine", value, 2).asFinal());
      rows.add(Row.of(AGG, NOW.minusSeconds(60L * minute), MINUTE, "standing-desk", value / 2, 2).asFinal());
      rows.add(Row.of(AGG, NOW.minusSeconds(60L * minute), MINUTE, "mechanical-keyboard", 12 + (minute * 7) % 23, 2).asFinal());
    }
    TestData.insert(clickHouse, rows);
    TestData.lateEvents(clickHouse, AGG, 7);
  }

  @Test
  void showsTheLeaderAndFollowsAChangeOfOrderWithoutAReload() throws Exception {
    browser.get(live.url("?key=" + ReadKey.VALUE + "&aggregation=" + AGG));
    await().atMost(Duration.ofSeconds(20)).until(() -> live.keys().size() == 7);
    assertThat(browser.getCurrentUrl()).as("the key leaves the address bar").doesNotContain("key=");
    assertThat(live.keys()).startsWith("espresso-machine", "noise-cancelling-headphones", "trail-running-shoes");
    assertThat(live.text("leader-key")).isEqualTo("espresso-machine");
    assertThat(live.text("badge")).isEqualToIgnoringCase("provisional");
    assertThat(live.text("late-events")).isEqualTo("7");
    assertThat(live.text("connection")).isEqualTo("live");
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#chart canvas")).isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      live.screenshot("failed-chart.png");
      throw new AssertionError("no chart; subtitle: " + live.text("chart-subtitle"), e);
    }
    ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

    // New revisions overtake the leader: the page must re-rank by itself.
    TestData.insert(clickHouse,
        Row.of(AGG, NOW, MINUTE, "mechanical-keyboard", 55, 2).withWatermark(NOW.plusSeconds(40)),
        Row.of(AGG, NOW, MINUTE, "trail-running-shoes", 44, 2).withWatermark(NOW.plusSeconds(40)));
    await().atMost(Duration.ofSeconds(20)).until(() -> live.keys().getFirst().equals("mechanical-keyboard"));
    assertThat(live.keys()).startsWith("mechanical-keyboard", "trail-running-shoes", "espresso-machine");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true")).isEqualTo(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> live.text("leader-key").equals("mechanical-keyboard"));
    assertThat(live.text("freshness")).endsWith("ago");

    Thread.onSpinWait();
    await().pollDelay(Duration.ofMillis(900)).atMost(Duration.ofSeconds(5)).until(() -> true); // let the rank animation settle
    live.screenshot("leaderboard-desktop.png");
    browser.manage().window().setSize(new Dimension(390, 844));
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
    live.screenshot("leaderboard-phone.png");
  }

  @Test
  void marksAmendedWindowsAndShowsTheLateCountBesideTheValue() throws Exception {
    // the browser is shared: another test may have left it at a phone's width, where the meta line is cut
    browser.manage().window().setSize(new Dimension(1280, 900));
    String amend = "ui-late-amend";
    String side = "ui-late-side";
    String tumbling = "{\"type\":\"TUMBLING\",\"size\":\"PT1M\"}";
    TestData.define(clickHouse, amend, tumbling, "[]", "entityId", "COUNT", "AMEND", "PT5M");
    TestData.define(clickHouse, side, tumbling, "[]", "entityId", "COUNT", "SIDE", "PT5M");
    TestData.insert(clickHouse,
        Row.of(amend, NOW, MINUTE, "espresso-machine", 12, 1).asFinal(),
        Row.of(amend, NOW, MINUTE, "espresso-machine", 13, 2).asAmended(),
        Row.of(amend, NOW, MINUTE, "standing-desk", 9, 1).asFinal(),
        Row.of(side, NOW, MINUTE, "espresso-machine", 12, 2).asFinal().withLateCount(3),
        Row.of(side, NOW, MINUTE, "standing-desk", 9, 1).asFinal());

    live.awaitListed(amend, side);

    browser.get(live.url("?aggregation=" + amend + "&key=" + ReadKey.VALUE));
    await().atMost(Duration.ofSeconds(20)).until(() -> live.keys().size() == 2);
    assertThat(live.text("badge")).isEqualToIgnoringCase("final");
    assertThat(browser.findElement(By.id("amended-badge")).isDisplayed()).isTrue();
    assertThat(live.entry("espresso-machine").getAttribute("data-amended")).isEqualTo("true");
    assertThat(live.entry("espresso-machine").findElement(By.cssSelector(".tick.amended")).isDisplayed()).isTrue();
    assertThat(live.entry("standing-desk").findElement(By.cssSelector(".tick.amended")).isDisplayed()).isFalse();
    assertThat(live.entry("espresso-machine").findElement(By.cssSelector(".number")).getText()).isEqualTo("13");
    assertThat(browser.findElement(By.id("facts")).getText()).contains("amended up to");
    live.screenshot("leaderboard-amended.png");

    browser.get(live.url("?aggregation=" + side));   // the tab keeps its key
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> live.keys().size() == 2
        && "3".equals(live.entry("espresso-machine").getAttribute("data-late-count"))
        && live.entry("espresso-machine").findElement(By.cssSelector(".late")).isDisplayed());
    assertThat(browser.findElement(By.id("amended-badge")).isDisplayed()).isFalse();
    assertThat(live.entry("espresso-machine").findElement(By.cssSelector(".late")).getText()).isEqualTo("+3 late");
    assertThat(live.entry("espresso-machine").findElement(By.cssSelector(".number")).getText()).isEqualTo("12");
    assertThat(live.entry("standing-desk").findElement(By.cssSelector(".late")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("facts")).getText()).contains("counted beside up to");
  }

  @Test
  void withoutAKeyThePageAsksForOneAndShowsTheBoardOnceGivenARealOne() throws Exception {
    browser.get(live.url("?aggregation=" + AGG));
    await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("key-form")).isDisplayed());
    assertThat(live.keys()).isEmpty();
    live.screenshot("leaderboard-key.png");

    browser.findElement(By.id("key-input")).sendKeys("pulse-dev-key");   // e.g. the ingest key: it reads nothing
    browser.findElement(By.cssSelector("#key-form button")).click();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.findElement(By.id("key-form")).isDisplayed()
        && browser.findElement(By.cssSelector("#key-form [data-reason]")).getText().contains("not hold a valid read key"));

    browser.findElement(By.id("key-input")).sendKeys(ReadKey.VALUE);
    browser.findElement(By.cssSelector("#key-form button")).click();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> live.keys().size() == 7 && live.text("connection").equals("live"));
    assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isFalse();
  }

}
