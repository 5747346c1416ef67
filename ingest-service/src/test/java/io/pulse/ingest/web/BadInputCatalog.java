package io.pulse.ingest.web;

import io.pulse.ingest.support.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The request behind every row of docs/bad-input.md, keyed by the row's "Case" cell. Limits are
 * those of {@link BadInputTableTest}'s context (64 KB bodies, 100 events per batch).
 */
final class BadInputCatalog {

  static final String KEY = "table-key-1b7e";
  static final String RATE_KEY = "table-rate-key-5c2d";
  static final String JSON = "application/json";

  /** What to send; {@code setup} runs first and its result is closed after the request (e.g. held permits). */
  record BadRequest(String method, String path, String contentType, String apiKey, byte[] body,
      Map<String, String> headers, Supplier<AutoCloseable> setup) {

    BadRequest withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new BadRequest(method, path, contentType, apiKey, body, more, setup);
    }

    BadRequest withSetup(Supplier<AutoCloseable> before) {
      return new BadRequest(method, path, contentType, apiKey, body, headers, before);
    }
  }

  private BadInputCatalog() {}

  static Map<String, BadRequest> requests(Supplier<AutoCloseable> spendRateBurst, Supplier<AutoCloseable> fillInFlight,
      Supplier<AutoCloseable> fillBodyBudget) {
    String valid = SampleEvents.event("ok-user");
    Map<String, BadRequest> cases = new LinkedHashMap<>();
    cases.put("malformed JSON", events("{\"eventId\": "));
    cases.put("event that is not an object", events("\"click\""));
    cases.put("wrong type", events(valid.replace("12.5", "\"12.5\"")));
    cases.put("missing required field", events(valid.replaceFirst("\"userId\":\"[^\"]+\",", "")));
    cases.put("unknown field", events(valid.replace("\"eventId\"", "\"colour\":\"blue\",\"eventId\"")));
    cases.put("duplicate JSON key", events(valid.replace("\"type\":\"click\"", "\"type\":\"click\",\"type\":\"view\"")));
    cases.put("empty body", events(""));
    cases.put("empty batch", events("[]"));
    cases.put("too many events", events(SampleEvents.array(101)));
    cases.put("body over the size limit", events(SampleEvents.array(101).repeat(4)));
    cases.put("wrong content type", request("POST", "/v1/events", "text/plain", KEY, valid));
    cases.put("missing content type", request("POST", "/v1/events", null, KEY, valid));
    cases.put("charset other than UTF-8", request("POST", "/v1/events", JSON + "; charset=ISO-8859-1", KEY, valid));
    cases.put("compressed body", events(valid).withHeader("Content-Encoding", "gzip"));
    cases.put("over-long string", events(valid.replaceFirst("\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + "x".repeat(129) + "\"")));
    cases.put("over-long property value", events(valid.replace("\"red\"", "\"" + "r".repeat(513) + "\"")));
    cases.put("control character", events(valid.replace("\"ok-user\"", "\"ok\\u0007user\"")));
    cases.put("blank string", events(valid.replace("\"ok-user\"", "\"   \"")));
    cases.put("invalid event type", events(valid.replace("\"click\"", "\"cl ick\"")));
    cases.put("timestamp without a zone", events(timestamp(valid, "\"2026-01-01T00:00:00\"")));
    cases.put("negative epoch millis", events(timestamp(valid, "-1")));
    cases.put("far-future timestamp", events(timestamp(valid, "\"2999-01-01T00:00:00Z\"")));
    cases.put("NaN", events(valid.replace("12.5", "NaN")));
    cases.put("Infinity", events(valid.replace("12.5", "Infinity")));
    cases.put("number overflowing to infinity", events(valid.replace("12.5", "1e999")));
    cases.put("too many properties", events(valid.replace("{\"color\":\"red\"}", IntStream.range(0, 33)
        .mapToObj(i -> "\"p" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}")))));
    cases.put("deep nesting", events("[".repeat(100) + "]".repeat(100)));
    cases.put("invalid UTF-8", new BadRequest("POST", "/v1/events", JSON, KEY, invalidUtf8(valid), Map.of(), BadInputCatalog::nothing));
    cases.put("missing API key", request("POST", "/v1/events", JSON, null, valid));
    cases.put("wrong API key", request("POST", "/v1/events", JSON, KEY + "-not", valid));
    cases.put("rate limit exceeded", request("POST", "/v1/events", JSON, RATE_KEY, SampleEvents.array(100)).withSetup(spendRateBurst));
    cases.put("too many events awaiting Kafka", events(SampleEvents.array(2)).withSetup(fillInFlight));
    cases.put("too many bytes being processed", events(valid).withSetup(fillBodyBudget));
    cases.put("wrong method", request("GET", "/v1/events", null, KEY, ""));
    cases.put("unknown endpoint", request("GET", "/v1/nothing-here", null, KEY, ""));
    cases.put("profile with an unknown field", request("PUT", "/v1/users/u1", JSON, KEY, "{\"country\":\"DE\",\"tier\":\"x\"}"));
    cases.put("profile for a blank userId", request("PUT", "/v1/users/%20", JSON, KEY, "{\"country\":\"DE\",\"plan\":\"pro\"}"));
    return cases;
  }

  private static BadRequest events(String body) {
    return request("POST", "/v1/events", JSON, KEY, body);
  }

  private static BadRequest request(String method, String path, String contentType, String apiKey, String body) {
    return new BadRequest(method, path, contentType, apiKey, body.getBytes(StandardCharsets.UTF_8), Map.of(),
        BadInputCatalog::nothing);
  }

  private static String timestamp(String event, String json) {
    return event.replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":" + json);
  }

  /** The text with a lone continuation byte in place of the hyphen of "ok-user". */
  private static byte[] invalidUtf8(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int at = text.indexOf("ok-user") + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.write(0x80);
    out.write(bytes, at + 1, bytes.length - at - 1);
    return out.toByteArray();
  }

  private static AutoCloseable nothing() {
    return () -> {};
  }
}
