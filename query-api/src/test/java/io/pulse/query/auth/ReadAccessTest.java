package io.pulse.query.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.auth.ApiKeys;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.LiveServerTest;
import io.pulse.query.ReadKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read keys and the CORS policy over real HTTP: what a caller without a key gets, the two ways to
 * present one on REST, what stays open, and which origins' pages may call. The streams' side is in
 * LeaderboardStreamTest; that an ingest key reads nothing on a running platform, in e2e-tests.
 */
@LiveServerTest
class ReadAccessTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String API = "/v1/aggregations";

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void withoutAKeyTheApiAnswers401ProblemSayingHowToSendOne() throws Exception {
    HttpResponse<String> response = send(request(API));

    JsonNode problem = assertRefused(response, "missing-api-key");
    assertThat(problem.get("detail").asString()).contains("X-Api-Key").contains("Authorization: Bearer");
    assertThat(response.headers().allValues("WWW-Authenticate")).anySatisfy(value -> assertThat(value).contains("X-Api-Key"))
        .anySatisfy(value -> assertThat(value).startsWith("Bearer"));
  }

  @Test
  void aReadKeyInXApiKeyOrAsBearerTokenReads() throws Exception {
    assertThat(send(request(API).header(ApiKeys.HEADER, ReadKey.VALUE)).statusCode()).isEqualTo(200);
    assertThat(send(request(API).header("Authorization", "Bearer " + ReadKey.VALUE)).statusCode()).isEqualTo(200);
    assertThat(send(request(API).header("Authorization", "bearer  " + ReadKey.VALUE)).statusCode())
        .as("the scheme is case-insensitive").isEqualTo(200);
  }

  @Test
  void anAnswerForAKeyHolderIsKeptByNoSharedCache() throws Exception {
    HttpResponse<String> response = send(request(API).header(ApiKeys.HEADER, ReadKey.VALUE));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-store");
  }

  @Test
  void anyOtherKeyIsRefusedNamingWhereItCameFrom() throws Exception {
    assertThat(assertRefused(send(request(API).header(ApiKeys.HEADER, "pulse-dev-key")), "invalid-api-key")
        .get("detail").asString()).contains("X-Api-Key header");
    assertThat(assertRefused(send(request(API).header("Authorization", "Bearer " + ReadKey.VALUE.toUpperCase())),
        "invalid-api-key").get("detail").asString()).contains("bearer token");
    assertThat(assertRefused(send(request(API).header("Authorization", "Basic cmVhZDprZXk=")), "invalid-api-key")
        .get("detail").asString()).contains("Bearer scheme");
  }

  @Test
  void aKeyInTheUrlCountsOnTheLiveStreamsOnly() throws Exception {
    JsonNode problem = assertRefused(send(request(API + "?access_token=" + ReadKey.VALUE)), "missing-api-key");
    assertThat(problem.get("detail").asString()).contains("/v1/stream/");
  }

  @Test
  void refusalsPrecedeEverythingElseSoNothingIsLearntWithoutAKey() throws Exception {
    assertRefused(send(request("/v1/leaderboards/no-such-aggregation?limit=0")), "missing-api-key");
    assertRefused(send(request("/v1/no-such-endpoint")), "missing-api-key");
  }

  @Test
  void healthMetricsTheApiDocumentAndThePageStayOpen() throws Exception {
    for (String open : new String[] {"/actuator/health", "/actuator/prometheus", "/", "/app.js", "/swagger-ui.html"}) {
      assertThat(send(request(open)).statusCode()).as(open).isIn(200, 302);
    }
    HttpResponse<String> docs = send(request("/v3/api-docs"));
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode spec = JSON.readTree(docs.body());
    JsonNode schemes = spec.get("components").get("securitySchemes");
    assertThat(schemes.get("readKey").get("name").asString()).isEqualTo("X-Api-Key");
    assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.get("accessToken").get("in").asString()).isEqualTo("query");
    JsonNode board = spec.get("paths").get("/v1/leaderboards/{aggregation}").get("get");
    assertThat(board.get("security").toString()).contains("readKey").contains("bearer").doesNotContain("accessToken");
    assertThat(board.get("responses").has("401")).isTrue();
    JsonNode stream = spec.get("paths").get("/v1/stream/leaderboards/{aggregation}").get("get");
    assertThat(stream.get("security").toString()).contains("accessToken");
  }

  @Test
  void pagesOfAnAllowedOriginMayCallAndReadEvenTheRefusals() throws Exception {
    HttpResponse<String> preflight = send(request(API).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", LiveServerTest.ALLOWED_ORIGIN).header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "x-api-key"));
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(LiveServerTest.ALLOWED_ORIGIN);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).containsIgnoringCase("x-api-key");

    HttpResponse<String> read = send(request(API).header("Origin", LiveServerTest.ALLOWED_ORIGIN)
        .header(ApiKeys.HEADER, ReadKey.VALUE));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).contains(LiveServerTest.ALLOWED_ORIGIN);

    HttpResponse<String> refused = send(request(API).header("Origin", LiveServerTest.ALLOWED_ORIGIN));
    assertRefused(refused, "missing-api-key");
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(LiveServerTest.ALLOWED_ORIGIN);
  }

  @Test
  void pagesOfAnyOtherOriginAreRefusedEvenWithAKey() throws Exception {
    HttpResponse<String> refused = send(request(API).header("Origin", "http://elsewhere.example")
        .header(ApiKeys.HEADER, ReadKey.VALUE));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(JSON.readTree(refused.body()).get("type").asString())
        .isEqualTo("https://pulse.dev/problems/cors-origin-not-allowed");
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> preflight = send(request(API).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://elsewhere.example").header("Access-Control-Request-Method", "GET"));
    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode assertRefused(HttpResponse<String> response, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo("https://pulse.dev/problems/" + code);
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    return problem;
  }
}
