package io.pulse.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.LiveServerTest;
import io.pulse.query.ReadKey;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SSE leaderboard over a real server and a real ClickHouse. */
@LiveServerTest
class LeaderboardStreamTest {

  private static final Instant W = Instant.parse("2026-04-01T09:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @LocalServerPort int port;
  @Autowired ClickHouse clickHouse;
  @Autowired BoardStreams streams;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SseClient> open = new ArrayList<>();
  private String aggregation;

  @BeforeEach
  void board(org.junit.jupiter.api.TestInfo test) {
    // A board per test: rows a test adds never leak into another test's stream.
    aggregation = "sse-" + test.getTestMethod().orElseThrow().getName().toLowerCase().substring(0, 20);
    TestData.tumbling(clickHouse, aggregation, "[]");
    TestData.insert(clickHouse, Row.of(aggregation, W, 60_000, "p1", 5, 1), Row.of(aggregation, W, 60_000, "p2", 3, 1));
  }

  @AfterEach
  void closeStreams() throws Exception {
    for (SseClient client : open) {
      client.close();
    }
    // Closed streams are noticed on the next write (heartbeat every second) and removed.
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 0 && streams.boards() == 0);
  }

  @Test
  void sendsTheBoardOnConnectAndAgainOnlyWhenItChanges() {
    SseClient client = connect("", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.events.size() == 1);
    assertThat(client.last().name()).isEqualTo("leaderboard");
    assertThat(leader(client.last())).isEqualTo("p1");
    String firstId = client.last().id();

    // Nothing changes: heartbeats arrive (one per second), but no new event.
    await().atMost(Duration.ofSeconds(10)).until(() -> client.comments.size() >= 2);
    assertThat(client.events).hasSize(1);

    TestData.insert(clickHouse, Row.of(aggregation, W, 60_000, "p2", 9, 2));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.events.size() == 2);
    assertThat(leader(client.last())).isEqualTo("p2");
    assertThat(client.last().id()).isNotEqualTo(firstId);
    JsonNode board = JSON.readTree(client.last().data());
    assertThat(board.get("entries").get(0).get("revision").asLong()).isEqualTo(2);
    assertThat(board.get("entries").get(0).get("windowStart").asString()).isEqualTo("2026-04-01T09:00:00Z");
    assertThat(board.has("watermark")).isTrue();
    assertThat(board.has("lateEvents")).isTrue();
  }

  @Test
  void aLateCountAndAnAmendmentArePushedWithTheWindowTheyChanged() {
    SseClient client = connect("", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.events.size() == 1);
    JsonNode before = JSON.readTree(client.last().data());
    assertThat(before.get("entries").get(0).get("amended").asBoolean()).isFalse();
    assertThat(before.get("entries").get(0).get("lateCount").asLong()).isZero();

    // late: side — the final row's late count grows, its value stays.
    TestData.insert(clickHouse, Row.of(aggregation, W, 60_000, "p1", 5, 2).asFinal().withLateCount(2));
    await().atMost(Duration.ofSeconds(10)).until(() -> client.events.size() == 2);
    JsonNode side = JSON.readTree(client.last().data()).get("entries").get(0);
    assertThat(side.get("key").asString()).isEqualTo("p1");
    assertThat(side.get("value").asDouble()).isEqualTo(5.0);
    assertThat(side.get("lateCount").asLong()).isEqualTo(2);
    assertThat(side.get("amended").asBoolean()).isFalse();

    // late: amend — a newer final revision with the event counted in.
    TestData.insert(clickHouse, Row.of(aggregation, W, 60_000, "p1", 6, 3).asAmended());
    await().atMost(Duration.ofSeconds(10)).until(() -> client.events.size() == 3);
    JsonNode amended = JSON.readTree(client.last().data());
    assertThat(amended.get("entries").get(0).get("value").asDouble()).isEqualTo(6.0);
    assertThat(amended.get("entries").get(0).get("amended").asBoolean()).isTrue();
    assertThat(amended.get("entries").get(0).get("final").asBoolean()).isTrue();
    assertThat(amended.get("amended").asBoolean()).isTrue();
  }

  @Test
  void reconnectingWithTheShownIdWaitsForAChangeAndAStaleIdGetsTheBoardAtOnce() throws Exception {
    SseClient first = connect("", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> first.events.size() == 1);
    String shown = first.last().id();

    SseClient upToDate = connect("", shown);
    SseClient stale = connect("", "0123456789abcdef");
    await().atMost(Duration.ofSeconds(10)).until(() -> stale.events.size() == 1 && upToDate.comments.size() >= 2);
    assertThat(stale.last().id()).isEqualTo(shown);
    assertThat(upToDate.events).isEmpty();

    TestData.insert(clickHouse, Row.of(aggregation, W, 60_000, "p3", 50, 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> upToDate.events.size() == 1);
    assertThat(leader(upToDate.last())).isEqualTo("p3");
  }

  @Test
  void equalQueriesShareOnePollerAndClosedStreamsAreRemoved() throws Exception {
    SseClient a = connect("?limit=5", null);
    SseClient b = connect("?limit=5", null);
    SseClient c = connect("?limit=2", null);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.events.size() == 1 && b.events.size() == 1 && c.events.size() == 1);
    assertThat(streams.boards()).isEqualTo(2);
    assertThat(streams.openStreams()).isEqualTo(3);

    a.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 2);
    assertThat(streams.boards()).isEqualTo(2);
  }

  @Test
  void openStreamsAreCappedWithA503() throws Exception {
    for (int i = 0; i < 6; i++) {
      SseClient client = connect("", null);
      await().atMost(Duration.ofSeconds(10)).until(() -> client.events.size() == 1);
    }
    HttpResponse<String> refused = http.send(request("").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
  }

  @Test
  void badParametersAreProblemsEvenForEventStreamClients() throws Exception {
    for (String[] bad : new String[][] {{"?limit=0", "limit"}, {"?country=DE", "country"}, {"?window=soon", "window"}}) {
      HttpResponse<String> response = http.send(request(bad[0]).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
      assertThat(JSON.readTree(response.body()).get("parameter").asString()).isEqualTo(bad[1]);
    }
    HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/v1/stream/leaderboards/nope")).header("Accept", "text/event-stream")
        .header(ApiKeys.HEADER, ReadKey.VALUE).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(streams.openStreams()).isZero();
  }

  @Test
  void withoutAValidReadKeyNoStreamOpens() throws Exception {
    List<Map.Entry<String, HttpRequest.Builder>> refused = List.of(
        Map.entry("missing-api-key", requestWithoutKey("?limit=5")),
        Map.entry("invalid-api-key", requestWithoutKey("?limit=5&access_token=not-a-read-key")),
        Map.entry("invalid-api-key", requestWithoutKey("").header("Authorization", "Bearer " + ReadKey.VALUE + "x")));
    for (Map.Entry<String, HttpRequest.Builder> request : refused) {
      HttpResponse<InputStream> response = http.send(request.getValue().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {   // closed at once should a stream have opened after all
        assertThat(response.statusCode()).as(request.getKey()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(body).get("type").asString()).isEqualTo("https://pulse.dev/problems/" + request.getKey());
      }
    }
    assertThat(streams.openStreams()).isZero();
  }

  @Test
  void aReadKeyOpensTheStreamAsHeaderBearerTokenOrTheAccessTokenParameterOfEventSource() {
    List<SseClient> clients = List.of(
        connect(requestWithoutKey("?limit=5").header(ApiKeys.HEADER, ReadKey.VALUE)),
        connect(requestWithoutKey("?limit=5").header("Authorization", "Bearer " + ReadKey.VALUE)),
        // what the page's EventSource sends; the parameter is no leaderboard parameter (no 400 unknown-parameter)
        connect(requestWithoutKey("?limit=5&access_token=" + ReadKey.VALUE)));
    await().atMost(Duration.ofSeconds(10)).until(() -> clients.stream().allMatch(client -> client.events.size() == 1));
    assertThat(clients).allSatisfy(client -> assertThat(leader(client.last())).isEqualTo("p1"));
    assertThat(streams.boards()).as("the key is no part of the board's parameters").isEqualTo(1);
  }

  private SseClient connect(HttpRequest.Builder request) {
    SseClient client = SseClient.open(http, request);
    open.add(client);
    assertThat(client.response.statusCode()).isEqualTo(200);
    return client;
  }

  private SseClient connect(String query, String lastEventId) {
    SseClient client = SseClient.open(http, uri(query), lastEventId);
    open.add(client);
    assertThat(client.response.statusCode()).isEqualTo(200);
    return client;
  }

  private HttpRequest.Builder request(String query) {
    return requestWithoutKey(query).header(ApiKeys.HEADER, ReadKey.VALUE);
  }

  private HttpRequest.Builder requestWithoutKey(String query) {
    return HttpRequest.newBuilder(uri(query)).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
  }

  private URI uri(String query) {
    return URI.create("http://127.0.0.1:" + port + "/v1/stream/leaderboards/" + aggregation + query);
  }

  private static String leader(SseClient.Event event) {
    return JSON.readTree(event.data()).get("entries").get(0).get("key").asString();
  }
}
