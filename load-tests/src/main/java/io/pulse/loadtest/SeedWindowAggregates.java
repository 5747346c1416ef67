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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>The same command serves both stacks. It logs in as {@code --user}/{@code --password}, else as
 * the environment's {@code CLICKHOUSE_USER}/{@code CLICKHOUSE_PASSWORD} (the variables
 * docker-compose.yml reads), else as the first that ClickHouse accepts of the passwordless
 * {@code default} user ({@code ./run-local.sh}) and compose's default user {@code pulse}/{@code pulse}.
 */
public final class SeedWindowAggregates {

  private static final long MINUTE = 60_000;
  private static final int BATCH_ROWS = 100_000;

  public static void main(String[] args) throws Exception {
    run(args, System.getenv());
  }

  /** {@code main} with the environment it reads the ClickHouse login from. */
  static void run(String[] args, Map<String, String> environment) throws Exception {
    Map<String, String> options = parse(args);
    String clickHouse = options.getOrDefault("clickhouse", "http://127.0.0.1:8123");
    String aggregation = options.getOrDefault("aggregation", "loadtest-clicks-1m");
    int windows = Integer.parseInt(options.getOrDefault("windows", "10080"));
    int keys = Integer.parseInt(options.getOrDefault("keys", "100"));
    long newest = Instant.now().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();

    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      Login login = login(http, clickHouse, options, environment);
      Target target = new Target(http, clickHouse, login);
      post(target, "INSERT INTO aggregation_definitions (name, definition, updated_at_ms) FORMAT JSONEachRow",
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
            rows += flush(target, batch, inBatch);
            inBatch = 0;
          }
        }
      }
      rows += flush(target, batch, inBatch);
      StringBuilder late = new StringBuilder();
      for (int i = 0; i < 25; i++) {
        late.append("{\"aggregation\":\"").append(aggregation).append("\",\"event_id\":\"late-").append(i)
            .append("\",\"event_time_ms\":").append(newest - 5 * MINUTE).append(",\"watermark_ms\":").append(newest)
            .append(",\"reason\":\"behind watermark\",\"recorded_at_ms\":").append(newest).append("}\n");
      }
      post(target, "INSERT INTO late_events FORMAT JSONEachRow", late.toString().getBytes(StandardCharsets.UTF_8));
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("Inserted %,d rows into window_aggregates for '%s' (%d windows x %d keys) in %.1f s (%,.0f rows/s)"
          + " as ClickHouse user %s%n", rows, aggregation, windows, keys, seconds, rows / seconds, login.user());
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

  private static long flush(Target target, ByteArrayOutputStream batch, int rows)
      throws IOException, InterruptedException {
    if (rows == 0) {
      return 0;
    }
    post(target, "INSERT INTO window_aggregates FORMAT JSONEachRow", batch.toByteArray());
    batch.reset();
    return rows;
  }

  /** A ClickHouse user and password, sent as HTTP basic authentication (18.16 and current releases read it). */
  record Login(String user, String password) {

    String header() {
      return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Target(HttpClient http, String url, Login login) {}

  /**
   * The login given (options, then environment), or else the first that ClickHouse accepts of
   * run-local's and compose's defaults. A given login is used as it is: a typo fails on first use.
   */
  static Login login(HttpClient http, String clickHouse, Map<String, String> options, Map<String, String> environment)
      throws IOException, InterruptedException {
    String user = options.getOrDefault("user", environment.get("CLICKHOUSE_USER"));
    String password = options.getOrDefault("password", environment.get("CLICKHOUSE_PASSWORD"));
    if (user != null && !user.isBlank()) {
      return new Login(user, password == null ? "" : password);
    }
    List<String> refused = new ArrayList<>();
    for (Login candidate : List.of(new Login("default", ""), new Login("pulse", "pulse"))) {
      HttpResponse<String> answer = send(new Target(http, clickHouse, candidate), "SELECT 1", new byte[0]);
      if (answer.statusCode() == 200) {
        return candidate;
      }
      refused.add(candidate.user() + ": " + answer.statusCode() + " " + answer.body().strip());
    }
    throw new IllegalStateException("ClickHouse at " + clickHouse + " refused run-local's and compose's default users "
        + refused + "; give --user/--password or set CLICKHOUSE_USER/CLICKHOUSE_PASSWORD");
  }

  private static void post(Target target, String query, byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> response = send(target, query, body);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse answered " + response.statusCode() + " to " + query + ": " + response.body());
    }
  }

  private static HttpResponse<String> send(Target target, String query, byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(target.url() + "/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", target.login().header())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return target.http().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String quote(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --clickhouse URL --aggregation NAME --windows N --keys K"
            + " [--user U --password P]; got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private SeedWindowAggregates() {}
}
