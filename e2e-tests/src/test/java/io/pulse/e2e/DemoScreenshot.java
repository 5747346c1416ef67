package io.pulse.e2e;

import static org.awaitility.Awaitility.await;

import io.pulse.query.ui.HeadlessChromium;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page of the running demo in headless Chromium, saved as a PNG: always under target/screenshots/, and also
 * at the path of system property {@code pulse.demo.screenshot} when set (the README's picture, see
 * scripts/demo-screenshot.sh). Taken once the board is full, the leader's chart drawn and late events counted.
 */
final class DemoScreenshot {

  static final String PROPERTY = "pulse.demo.screenshot";
  private static final Path TARGET = Path.of("target", "screenshots", "demo-leaderboard.png");

  private DemoScreenshot() {}

  /** Board full, chart drawn, late events counted, stream live, and the live window well under way. */
  private static boolean ready(ChromeDriver browser) {
    int second = LocalTime.now(ZoneOffset.UTC).getSecond();
    return second >= 15 && second <= 50
        && browser.findElements(By.cssSelector("#board [data-testid=entry]")).size() >= 8
        && !browser.findElements(By.cssSelector("#chart canvas")).isEmpty()
        && !browser.findElement(By.id("late-events")).getText().strip().equals("0")
        && browser.findElement(By.id("connection")).getText().strip().equals("live");
  }

  static Path take(URI page) throws Exception {
    ChromeDriver browser = HeadlessChromium.start(1280, 900);
    try {
      browser.get(page.toString());
      for (int attempt = 1; ; attempt++) {
        await("a full board, the leader's chart and late events on " + page).atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> ready(browser));
        // Let the rank animation settle (the board re-ranks as the demo's clicks come in).
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        if (ready(browser) || attempt == 3) {   // a new minute's window may have emptied the board meanwhile
          Files.createDirectories(TARGET.getParent());
          Files.copy(shot, TARGET, StandardCopyOption.REPLACE_EXISTING);
          break;
        }
      }
    } finally {
      browser.quit();
    }
    String readmeCopy = System.getProperty(PROPERTY, "");
    if (!readmeCopy.isBlank()) {
      Path destination = Path.of(readmeCopy).toAbsolutePath();
      Files.createDirectories(destination.getParent());
      Files.copy(TARGET, destination, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("demo: screenshot saved to " + destination);
    }
    return TARGET;
  }
}
