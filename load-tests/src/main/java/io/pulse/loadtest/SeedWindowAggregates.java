package io.pulse.loadtest;

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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills a running ClickHouse with window rows for the query load test: one aggregation, one row
 * per (minute window, key) over the last {@code windows} minutes, every 10th row also written as
 * an older revision (so reads must pick the newest), the newest window provisional and all others
 * final. Declares the aggregation in aggregation_definitions so the query API allow-lists it.
 * Uses the JDK only, so it also runs as a single source file:
 *
 * <pre>
 *   java load-tests/src/main/java/io/pulse/loadtest/SeedWindowAggregates.java \
 *     --clickhouse http://127.0.0.1:8123 --windows 10080 --keys 100
 * </pre>
 */
public final class SeedWindowAggregates {

  private static final long MINUTE = 60_000;
  private static final int BATCH_ROWS = 100_000;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    String clickHouse = options.getOrDefault("clickhouse", "http://127.0.0.1:8123");
    String aggregation = options.getOrDefault("aggregation", "loadtest-clicks-1m");
    int windows = Integer.parseInt(options.getOrDefault("windows", "10080"));
    int keys = Integer.parseInt(options.getOrDefault("keys", "100"));
    long newest = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();

    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      post(http, clickHouse, "INSERT INTO aggregation_definitions (name, definition, updated_at_ms) FORMAT JSONEachRow",
          ("{\"name\":\"" + aggregation + "\",\"definition\":" + quote("{\"name\":\"" + aggregation + "\",\"eventTypes\":[\"click\"],"
              + "\"groupBy\":\"entityId\",\"facets\":[],\"measure\":\"COUNT\",\"window\":{\"type\":\"TUMBLING\",\"size\":\"PT1M\"},"
              + "\"grace\":\"PT30S\",\"emit\":\"UPDATES\"}") + ",\"updated_at_ms\":" + System.currentTimeMillis() + "}\n")
              .getBytes(StandardCharsets.UTF_8));
      long started = System.nanoTime();
      long rows = 0;
      ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH_ROWS * 260);
      int inBatch = 0;
      for (int w = windows - 1; w >= 0; w--) {
        long start = newest - w * MINUTE;
        boolean isFinal = w > 0;
        for (int k = 0; k < keys; k++) {
          long count = popularity(k, w);
          if ((k + w) % 10 == 0) {
            appendRow(batch, aggregation, start, k, Math.max(0, count - 3), 1, false, start);
            inBatch++;
          }
          appendRow(batch, aggregation, start, k, count, 2, isFinal, start + (isFinal ? 90_000 : 20_000));
          inBatch++;
          if (inBatch >= BATCH_ROWS) {
            rows += flush(http, clickHouse, batch, inBatch);
            inBatch = 0;
          }
        }
      }
      rows += flush(http, clickHouse, batch, inBatch);
      StringBuilder late = new StringBuilder();
      for (int i = 0; i < 25; i++) {
        late.append("{\"aggregation\":\"").append(aggregation).append("\",\"event_id\":\"late-").append(i)
            .append("\",\"event_time_ms\":").append(newest - 5 * MINUTE).append(",\"watermark_ms\":").append(newest)
            .append(",\"reason\":\"behind watermark\",\"recorded_at_ms\":").append(newest).append("}\n");
      }
      post(http, clickHouse, "INSERT INTO late_events FORMAT JSONEachRow", late.toString().getBytes(StandardCharsets.UTF_8));
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("Inserted %,d rows into window_aggregates for '%s' (%d windows x %d keys) in %.1f s (%,.0f rows/s)%n",
          rows, aggregation, windows, keys, seconds, rows / seconds);
    }
  }

  /** A stable, skewed popularity per key that drifts over time, so ranks change between windows. */
  private static long popularity(int key, int window) {
    double base = 400.0 / (1 + key);
    double wave = 1 + 0.5 * Math.sin((window + key * 7) / 15.0);
    return Math.max(1, Math.round(base * wave));
  }

  private static void appendRow(ByteArrayOutputStream out, String aggregation, long start, int key, long count,
      long revision, boolean isFinal, long watermark) {
    String row = "{\"aggregation\":\"" + aggregation + "\",\"window_start_ms\":" + start + ",\"window_end_ms\":" + (start + MINUTE)
        + ",\"group_key\":\"product-" + key + "\",\"type\":\"\",\"country\":\"\",\"plan\":\"\",\"event_count\":" + count
        + ",\"value\":" + count + ",\"revision\":" + revision + ",\"is_final\":" + (isFinal ? 1 : 0)
        + ",\"retracted\":0,\"watermark_ms\":" + watermark + ",\"emitted_at_ms\":" + watermark + "}\n";
    out.writeBytes(row.getBytes(StandardCharsets.UTF_8));
  }

  private static long flush(HttpClient http, String clickHouse, ByteArrayOutputStream batch, int rows)
      throws IOException, InterruptedException {
    if (rows == 0) {
      return 0;
    }
    post(http, clickHouse, "INSERT INTO window_aggregates FORMAT JSONEachRow", batch.toByteArray());
    batch.reset();
    return rows;
  }

  private static void post(HttpClient http, String clickHouse, String query, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(clickHouse + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
        .timeout(Duration.ofMinutes(2))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse answered " + response.statusCode() + " to " + query + ": " + response.body());
    }
  }

  private static String quote(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --clickhouse URL --aggregation NAME --windows N --keys K; got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private SeedWindowAggregates() {}
}
