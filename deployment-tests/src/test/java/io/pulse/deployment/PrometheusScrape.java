package io.pulse.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /actuator/prometheus output: fetch it, and the sample names in it. */
public final class PrometheusScrape {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{\\s]");

  private PrometheusScrape() {}

  /** Sample names as PromQL selects them: counters with _total, histograms as _bucket/_count/_sum, and so on. */
  public static Set<String> sampleNames(String body) {
    Set<String> names = new TreeSet<>();
    for (String line : body.lines().toList()) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.find()) {
        names.add(sample.group(1));
      }
    }
    return names;
  }

  /** GET a service's scrape endpoint; a base URL (http://host:port) gets /actuator/prometheus appended. */
  public static String fetch(String endpoint) {
    String url = endpoint.contains("/actuator/") ? endpoint : endpoint.replaceAll("/+$", "") + "/actuator/prometheus";
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot scrape " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping " + url, e);
    }
  }
}
