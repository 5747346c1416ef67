package io.pulse.e2e;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a user of the platform does over HTTP: post events, read leaderboards and metrics. */
final class PlatformClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Platform platform;

  PlatformClient(Platform platform) {
    this.platform = platform;
  }

  /** Posts a batch as a JSON array; returns the HTTP response (202 expected). */
  HttpResponse<String> postArray(List<Event> events) throws IOException, InterruptedException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(EventJson.write(events.get(i)));
    }
    body.write(']');
    return post("application/json", body.toByteArray());
  }

  /** Posts a batch as NDJSON, one event per line. */
  HttpResponse<String> postNdjson(List<Event> events) throws IOException, InterruptedException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Event event : events) {
      body.writeBytes(EventJson.write(event));
      body.write('\n');
    }
    return post("application/x-ndjson", body.toByteArray());
  }

  private HttpResponse<String> post(String contentType, byte[] body) throws IOException, InterruptedException {
    return postWithKey(Platform.API_KEY, contentType, body);
  }

  /** POST /v1/events with the given key in X-Api-Key. */
  HttpResponse<String> postWithKey(String key, String contentType, byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(platform.ingest.url("/v1/events"))
        .header("Content-Type", contentType)
        .header("X-Api-Key", key)
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** entity → value of one window's leaderboard, read through the query API. */
  Map<String, Long> leaderboard(String aggregation, Instant windowStart, String filter) throws Exception {
    String query = "?limit=100&windowStart=" + URLEncoder.encode(windowStart.toString(), StandardCharsets.UTF_8)
        + (filter == null ? "" : "&" + filter);
    JsonNode board = query("/v1/leaderboards/" + aggregation + query);
    Map<String, Long> values = new HashMap<>();
    for (JsonNode entry : board.get("entries")) {
      values.put(entry.get("key").asString(), entry.get("value").asLong());
    }
    return values;
  }

  /** A read of the query API, with the read key. */
  JsonNode query(String pathAndQuery) throws IOException, InterruptedException {
    return json(getWithKey(platform.query.url(pathAndQuery), Platform.READ_KEY));
  }

  /** A GET of something open (actuator). */
  JsonNode getJson(URI uri) throws IOException, InterruptedException {
    return json(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  /** GET with the given key in X-Api-Key; any status. */
  HttpResponse<String> getWithKey(URI uri, String key) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).header("X-Api-Key", key).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.MAPPER.readTree(response.body());
  }

  /** PUT /v1/users/{userId}: the profile that enriches every later event of the user. */
  HttpResponse<String> putProfile(String userId, String country, String plan) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(platform.ingest.url("/v1/users/" + userId))
        .header("Content-Type", "application/json")
        .header("X-Api-Key", Platform.API_KEY)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"country\":\"" + country + "\",\"plan\":\"" + plan + "\"}"))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Reads ClickHouse directly over its HTTP interface: the ground truth the query API serves from. */
  List<JsonNode> clickHouse(String sql) throws IOException, InterruptedException {
    String login = platform.clickHouse.username() + ":" + platform.clickHouse.password();
    HttpRequest request = HttpRequest.newBuilder(URI.create(platform.clickHouse.httpUrl() + "/"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(sql + " FORMAT JSONEachRow"))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().lines().filter(line -> !line.isBlank()).map(Json.MAPPER::readTree).toList();
  }

  /** The value of a Prometheus counter on a service, summed over its tags; 0 when not yet exported. */
  double metric(ServiceProcess service, String name) throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(service.url("/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
