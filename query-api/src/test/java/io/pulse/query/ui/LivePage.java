package io.pulse.query.ui;

import static org.awaitility.Awaitility.await;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.ReadKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the browser tests read off the live page served on {@code port}, in one place. */
final class LivePage {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver browser;
  private final int port;

  LivePage(ChromeDriver browser, int port) {
    this.browser = browser;
    this.port = port;
  }

  /** The address of {@code query} on the server under test, e.g. {@code "?aggregation=x"} or {@code "v1/aggregations"}. */
  String url(String query) {
    return "http://127.0.0.1:" + port + "/" + query;
  }

  /**
   * The page picks its aggregation from the list, which the API caches for a few seconds: an aggregation
   * declared just now, after another test loaded the list, would otherwise be missing from it.
   */
  void awaitListed(String... aggregations) {
    HttpRequest list = HttpRequest.newBuilder(URI.create(url("v1/aggregations"))).header(ApiKeys.HEADER, ReadKey.VALUE).build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        String listed = http.send(list, HttpResponse.BodyHandlers.ofString()).body();
        return Arrays.stream(aggregations).allMatch(name -> listed.contains("\"" + name + "\""));
      });
    }
  }

  WebElement entry(String key) {
    return browser.findElement(By.cssSelector("#board [data-testid=entry][data-key='" + key + "']"));
  }

  /** The board's entries' keys, top first. */
  List<String> keys() {
    return browser.findElements(By.cssSelector("#board [data-testid=entry]")).stream()
        .map(element -> element.getAttribute("data-key"))
        .toList();
  }

  String text(String id) {
    return browser.findElement(By.id(id)).getText().strip();
  }

  /** Saves what the browser shows as target/screenshots/{@code name}, to look at after a run. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
