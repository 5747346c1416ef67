package io.pulse.query.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Parameter values an attacker or a broken client sends, already in the form they take in a query
 * string. Every textual one carries the marker {@value #MARKER}, so it can be looked for in the SQL
 * ClickHouse actually ran.
 */
final class HostileInputs {

  static final String MARKER = "zq9";

  private HostileInputs() {}

  /** Fixed classics plus {@code generated} random mixes of them, URL-encoded unless they are raw encodings. */
  static List<String> queryValues(int generated) {
    List<String> values = new ArrayList<>();
    for (String text : texts()) {
      values.add(URLEncoder.encode(text, StandardCharsets.UTF_8));
    }
    values.addAll(rawEncodings());
    Random random = new Random(9);
    List<String> texts = texts();
    for (int i = 0; i < generated; i++) {
      String mix = texts.get(random.nextInt(texts.size())) + texts.get(random.nextInt(texts.size()));
      values.add(URLEncoder.encode(mix.length() > 600 ? mix.substring(0, 600) : mix, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static List<String> texts() {
    String m = MARKER;
    return List.of(
        "' OR '1'='1 " + m, m + "' OR 1=1 --", m + "'; DROP TABLE window_aggregates; --", m + "\\' OR 1=1 --",
        m + "\\", m + "\\\\'", m + "\") OR (\"1\"=\"1", m + "` OR 1", "1) UNION ALL SELECT name, definition FROM aggregation_definitions -- " + m,
        m + " FORMAT TabSeparated", m + " SETTINGS max_threads=1", m + "/*", "*/" + m, m + "%", m + "_", m + "''", "'" + m + "'",
        m + " ユーザー", m + " 😀", m + "\u202e", "\ufeff" + m, m + "\u00a0", m + "\u0301\u0301\u0301", m + "\ud800",
        m + "x".repeat(300), m.repeat(2500), m + "\u0000", m + "\n", m + "\r\nX-Injected: 1", m + "\t",
        "99999999999999999999", "-1", "0", "1e309", "NaN", "Infinity", "-9223372036854775809", "9223372036854775807",
        "2147483648", "0x10", "1.5", " 5 ", "+5", "１２３", "",  " ",
        "2026-01-01T00:00:00Z' OR 1=1 " + m, "99999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z", "1970-01-01T00:00:00+25:00", "999999999999999", "closed' OR '1'='1 " + m);
  }

  /** Percent sequences a decoder may trip over: invalid, overlong, truncated. Sent as they are. */
  private static List<String> rawEncodings() {
    return List.of("%ff" + MARKER, "%C0%AE" + MARKER, "%E2%80%AE" + MARKER, "%00" + MARKER, "%" + MARKER, "%zz" + MARKER,
        "%25%27" + MARKER, "%27%20OR%201%3D1%20--%20" + MARKER, "%F0%9F%98" + MARKER, "%2527" + MARKER);
  }
}
