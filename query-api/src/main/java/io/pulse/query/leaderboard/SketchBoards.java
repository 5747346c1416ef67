package io.pulse.query.leaderboard;

import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.ValueQuantiles;
import io.pulse.query.window.WindowSql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Boards whose ranges merge rows in Java: the sketched measures (percentiles, approx-distinct-users) and avg. A
 * row's value is its own window's answer, so one-window boards rank in SQL like any other measure; merging
 * sketches, or weighting means, is what the SQL path does not do. Here a range merges each group's window
 * sketches (the union's answer, within the same stated error as one window's) or weights each window's mean by
 * its events that carried a value ({@code valued}), and a percentiles board gets every declared percentile of each
 * entry from the entry's sketch. A range reads one row (with its sketch, up to a few KB) per window and group, so
 * its cost grows with windows x groups; the range limit ({@code pulse.query.range-boards.max-range}) bounds it.
 */
@Component
class SketchBoards {

  private final ClickHouse clickHouse;

  SketchBoards(ClickHouse clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** True for the measures whose ranges this merges: the sketched ones and avg. */
  static boolean mergesRanges(Measure measure) {
    return measure.sketched() || measure == Measure.AVG;
  }

  /**
   * Groups ranked by their windows' rows in {@code span} merged; as {@link LeaderboardRepository#rangeTop}. Every row
   * of the range is read here, so whether any is provisional needs no second read.
   */
  RangeBoardReader.Ranked rangeTop(AggregationDefinition definition, BoardRange.Span span, boolean closed, int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", definition.name());
    params.put("lo", span.firstStartMs());
    params.put("hi", span.lastStartMs());
    Map<String, Merged> groups = new LinkedHashMap<>();
    for (JsonNode row : clickHouse.query(WindowSql.latestRevisions(WindowSql.START_BETWEEN_LO_HI, "", true), params)) {
      groups.computeIfAbsent(row.get("group_key").asString(), key -> new Merged(definition.measure())).add(row);
    }
    Instant start = Instant.ofEpochMilli(span.firstStartMs());
    Instant end = Instant.ofEpochMilli(span.endMs());
    List<Map.Entry<String, Merged>> ranked = groups.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Merged>>comparingDouble(group -> -group.getValue().value(definition))
            .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .toList();
    List<Leaderboard.Entry> entries = new ArrayList<>(ranked.size());
    for (Map.Entry<String, Merged> group : ranked) {
      Merged merged = group.getValue();
      entries.add(new Leaderboard.Entry(entries.size() + 1, group.getKey(), merged.value(definition), merged.count,
          merged.revision, closed && merged.allFinal, merged.amended, merged.lateCount, start, end,
          merged.quantiles == null ? null : percentiles(definition, merged.quantiles)));
    }
    return RangeBoardReader.Ranked.of(entries, closed, () -> groups.values().stream().anyMatch(group -> !group.allFinal));
  }

  /** A one-window board's entries with every declared percentile, read from their rows' sketches (percentiles only). */
  List<Leaderboard.Entry> withPercentiles(AggregationDefinition definition, List<Leaderboard.Entry> entries) {
    if (definition.measure() != Measure.PERCENTILES || entries.isEmpty()) {
      return entries;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("aggregation", definition.name());
    params.put("lo", entries.stream().mapToLong(entry -> entry.windowStart().toEpochMilli()).min().orElseThrow());
    params.put("hi", entries.stream().mapToLong(entry -> entry.windowStart().toEpochMilli()).max().orElseThrow());
    params.put("keys", entries.stream().map(Leaderboard.Entry::key).distinct().toList());
    Map<String, ValueQuantiles> sketches = new HashMap<>();
    String rows = WindowSql.latestRevisions(WindowSql.START_BETWEEN_LO_HI, " AND group_key IN :keys", true);
    for (JsonNode row : clickHouse.query(rows, params)) {
      sketches.put(row.get("group_key").asString() + "@" + row.get("window_start_ms").asLong(),
          ValueQuantiles.fromBase64(row.get("sk").asString()));
    }
    return entries.stream()
        .map(entry -> {
          ValueQuantiles sketch = sketches.get(entry.key() + "@" + entry.windowStart().toEpochMilli());
          return sketch == null ? entry : entry.withPercentiles(percentiles(definition, sketch));
        })
        .toList();
  }

  /** "p50", "p95", "p99.9" to their values, in declared order. */
  private static Map<String, Double> percentiles(AggregationDefinition definition, ValueQuantiles sketch) {
    return definition.percentiles().stream().collect(Collectors.toMap(SketchBoards::label, sketch::percentile,
        (a, b) -> a, LinkedHashMap::new));
  }

  static String label(double percentile) {
    return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
  }

  /** One group's rows over a range, merged. */
  private static final class Merged {
    ValueQuantiles quantiles;
    ApproxDistinct users;
    /** avg: the sum of the windows' means weighted by their valued events, and that weight. */
    double weightedSum;
    long weight;
    long count;
    long revision;
    long lateCount;
    boolean allFinal = true;
    boolean amended;

    Merged(Measure measure) {
      if (measure == Measure.PERCENTILES) {
        quantiles = ValueQuantiles.empty();
      } else if (measure == Measure.APPROX_DISTINCT_USERS) {
        users = ApproxDistinct.empty();
      }
    }

    void add(JsonNode row) {
      String sketch = row.get("sk").asString();
      if (quantiles != null) {
        quantiles.merge(ValueQuantiles.fromBase64(sketch));
      } else if (users != null) {
        users.merge(ApproxDistinct.fromBase64(sketch));
      } else {
        long valued = row.get("n").asLong();
        weightedSum += row.get("v").asDouble() * valued;
        weight += valued;
      }
      count += row.get("c").asLong();
      revision += row.get("rev").asLong();
      lateCount += row.get("lc").asLong();
      allFinal &= row.get("fin").asInt() == 1;
      amended |= row.get("amd").asInt() == 1;
    }

    private Double value;

    /** The ranking value; read once all rows are added (sorting asks for it many times). */
    double value(AggregationDefinition definition) {
      if (value == null) {
        value = quantiles != null ? quantiles.percentile(definition.rankingPercentile())
            : users != null ? (double) users.estimate()
            : weight == 0 ? 0 : weightedSum / weight;
      }
      return value;
    }
  }
}
