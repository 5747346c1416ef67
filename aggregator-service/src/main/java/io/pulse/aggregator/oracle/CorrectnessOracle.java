package io.pulse.aggregator.oracle;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.aggregator.oracle.RecountQueries.Recount;
import io.pulse.aggregator.oracle.RecountQueries.Stored;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Recounts every aggregation, of every window type and measure, from the raw events and compares
 * the result with the newest revision of each window row: the independent check that a
 * 202-accepted event was counted exactly once. Tumbling windows are recounted in ClickHouse, the
 * others from the raw events by their textbook definitions ({@link WindowRecount}). Windows are
 * checked whole: those starting in [from, to), with every event inside them.
 * A window is pending, counted apart and not judged, while its newest row is not final yet, or while
 * it has no row and the aggregation's watermark has not closed it ({@code emit: final} writes no row
 * before then, and a provisional row may be on its way). A window the watermark closed whose row does
 * not exist counts its events as lost.
 */
@Component
public class CorrectnessOracle {

  static final int MAX_DIFFERENCES = 1000;
  private static final double TOLERANCE = 1e-6;

  private final AggregatorProperties properties;
  private final RecountQueries queries;
  private final OracleMetrics metrics;

  CorrectnessOracle(AggregatorProperties properties, ClickHouse clickHouse, OracleMetrics metrics) {
    this.properties = properties;
    this.queries = new RecountQueries(clickHouse);
    this.metrics = metrics;
  }

  /** Checks windows starting in [from, to); {@code only} restricts it to one aggregation when not null. */
  public OracleReport check(Instant from, Instant to, String only) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    List<AggregationCheck> checks = new ArrayList<>();
    for (AggregationDefinition definition : properties.aggregations()) {
      if (only == null || only.equals(definition.name())) {
        checks.add(check(definition, from.toEpochMilli(), to.toEpochMilli()));
      }
    }
    if (only != null && checks.isEmpty()) {
      throw new IllegalArgumentException("'" + only + "' is not an aggregation of this aggregator");
    }
    OracleReport report = OracleReport.of(from, to, Instant.now(), checks);
    metrics.record(report);
    return report;
  }

  private AggregationCheck check(AggregationDefinition definition, long from, long to) {
    WindowSpec window = definition.window();
    long grid = switch (window.type()) {
      case TUMBLING -> window.size().toMillis();
      case HOPPING -> window.advance().toMillis();
      case SLIDING, SESSION -> 1;
    };
    long lo = Math.ceilDiv(from, grid) * grid;
    long hi = Math.ceilDiv(to, grid) * grid;
    Map<WindowKey, Recount> expected;
    if (window.type() == WindowType.TUMBLING && !definition.measure().sketched()) {
      expected = queries.recount(definition, lo, hi);
    } else {
      long[] range = WindowRecount.eventRange(window, lo, hi);
      expected = WindowRecount.of(window, queries.events(definition, range[0], range[1]), lo, hi);
    }
    var stored = queries.stored(definition.name(), lo, hi);
    long watermark = queries.watermark(definition.name());
    Set<WindowKey> keys = new HashSet<>(expected.keySet());
    keys.addAll(stored.keySet());
    long expectedEvents = 0;
    long countedEvents = 0;
    long lost = 0;
    long doubled = 0;
    long pending = 0;
    long pendingEvents = 0;
    List<Difference> differences = new ArrayList<>();
    for (WindowKey key : keys.stream().sorted(Comparator.comparingLong(WindowKey::windowStartMs)
        .thenComparing(WindowKey::groupKey).thenComparing(WindowKey::type).thenComparing(WindowKey::country)
        .thenComparing(WindowKey::plan)).toList()) {
      Recount want = expected.getOrDefault(key, Recount.none(key.windowStartMs()));
      Stored row = stored.get(key);
      boolean live = row != null && !row.retracted();
      if (live ? !row.isFinal() : want.events() > 0 && WindowRecount.closesAt(window, want.windowEndMs()) > watermark) {
        pending++;
        pendingEvents += want.events();
        continue;
      }
      long counted = live ? row.events() : 0;
      double value = live ? row.value() : 0;
      double wantValue = value(definition, want);
      // A sketched measure is right when within its stated error of the exact answer.
      double tolerance = Math.max(TOLERANCE, definition.measure().relativeError());
      expectedEvents += want.events();
      countedEvents += counted;
      lost += Math.max(0, want.events() - counted);
      doubled += Math.max(0, counted - want.events());
      boolean otherSpan = live && want.events() > 0 && row.windowEndMs() != want.windowEndMs();
      if ((counted != want.events() || otherSpan || Math.abs(value - wantValue) > tolerance * Math.max(1, Math.abs(wantValue)))
          && differences.size() < MAX_DIFFERENCES) {
        differences.add(new Difference(Instant.ofEpochMilli(key.windowStartMs()),
            Instant.ofEpochMilli(live ? row.windowEndMs() : want.windowEndMs()), key.groupKey(), key.type(),
            key.country(), key.plan(), want.events(), counted, wantValue, value, row != null && row.isFinal()));
      }
    }
    return new AggregationCheck(definition.name(), keys.size(), expectedEvents, countedEvents, lost, doubled,
        queries.lateEvents(definition.name(), lo, hi), pending, pendingEvents,
        watermark == Long.MIN_VALUE ? null : Instant.ofEpochMilli(watermark), differences);
  }

  private static double value(AggregationDefinition definition, Recount recount) {
    return switch (definition.measure()) {
      case COUNT -> recount.events();
      case SUM -> recount.sum();
      case DISTINCT_USERS -> recount.users();
      case AVG -> recount.avg();
      case MIN -> recount.min();
      case MAX -> recount.max();
      case PERCENTILES -> recount.percentile(definition.rankingPercentile());
      case APPROX_DISTINCT_USERS -> recount.users();
    };
  }
}
