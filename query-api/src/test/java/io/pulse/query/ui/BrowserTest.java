package io.pulse.query.ui;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ClickHouseTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A browser test of the live page: the API on its port over the test ClickHouse, one headless Chromium per test. */
abstract class BrowserTest {

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @LocalServerPort int port;
  @Autowired ClickHouse clickHouse;
  ChromeDriver browser;
  LivePage live;

  @BeforeEach
  void openBrowser() {
    browser = HeadlessChromium.start(1280, 900);
    live = new LivePage(browser, port);
  }

  @AfterEach
  void quitBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }
}
