package io.pulse.ingest.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against the running service: exact bytes, exact headers, nothing added behind our back. */
public final class IngestClient {

  public static final String API_KEY = "test-key-3f9a1c";
  public static final String SECOND_API_KEY = "test-key-second-77b2";
  /** Warm-up batches the service sends itself at start-up in these tests (few: the suite stays fast). */
  public static final int WARM_UP_REQUESTS = 20;
  public static final String JSON = "application/json";
  public static final String NDJSON = "application/x-ndjson";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public IngestClient(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  public Response postEvents(String contentType, String body) {
    return postEvents(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public Response postEvents(String contentType, byte[] body) {
    return send(request("POST", "/v1/events", BodyPublishers.ofByteArray(body), headers(contentType, API_KEY)));
  }

  /** Sends the body with chunked transfer encoding: no Content-Length for the server to check up front. */
  public Response postEventsChunked(String contentType, byte[] body) {
    BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    return send(request("POST", "/v1/events", chunked, headers(contentType, API_KEY)));
  }

  public Response putProfile(String userIdPath, String body) {
    return send(request("PUT", "/v1/users/" + userIdPath, BodyPublishers.ofString(body), headers(JSON, API_KEY)));
  }

  public Response get(String path) {
    return send(request("GET", path, BodyPublishers.noBody(), Map.of()));
  }

  /** Any request: {@code headers} are sent as given (no API key unless it is among them). */
  public Response send(String method, String path, byte[] body, Map<String, String> headers) {
    return send(request(method, path, BodyPublishers.ofByteArray(body), headers));
  }

  public static Map<String, String> headers(String contentType, String apiKey) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    if (apiKey != null) {
      headers.put("X-Api-Key", apiKey);
    }
    return headers;
  }

  private HttpRequest request(String method, String path, BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body);
    headers.forEach(builder::header);
    return builder.build();
  }

  private Response send(HttpRequest request) {
    try {
      return new Response(http.send(request, BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(HttpResponse<String> raw) {

    public int status() {
      return raw.statusCode();
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
      return MAPPER.readTree(raw.body());
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + raw.body();
    }
  }
}
