package io.pulse.aggregator.oracle;

import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.aggregator.oracle.RecountQueries.Recount;
import io.pulse.aggregator.oracle.RecountQueries.Stored;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.Measure;
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
 * Rows whose newest revision is not final yet are only counted as pending; a row that should exist
 * but does not counts its events as lost.
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
    if (window.type() == WindowType.TUMBLING) {
      expected = queries.recount(definition, lo, hi);
    } else {
      long[] range = WindowRecount.eventRange(window, lo, hi);
      expected = WindowRecount.of(window, queries.events(definition, range[0], range[1]), lo, hi);
    }
    var stored = queries.stored(definition.name(), lo, hi);
    Set<WindowKey> keys = new HashSet<>(expected.keySet());
    keys.addAll(stored.keySet());
    long expectedEvents = 0;
    long countedEvents = 0;
    long lost = 0;
    long doubled = 0;
    long pending = 0;
    List<Difference> differences = new ArrayList<>();
    for (WindowKey key : keys.stream().sorted(Comparator.comparingLong(WindowKey::windowStartMs)
        .thenComparing(WindowKey::groupKey).thenComparing(WindowKey::type).thenComparing(WindowKey::country)
        .thenComparing(WindowKey::plan)).toList()) {
      Recount want = expected.getOrDefault(key, Recount.none(key.windowStartMs()));
      Stored row = stored.get(key);
      if (row != null && !row.retracted() && !row.isFinal()) {
        pending++;
        continue;
      }
      long counted = row == null || row.retracted() ? 0 : row.events();
      double value = row == null || row.retracted() ? 0 : row.value();
      double wantValue = value(definition.measure(), want);
      expectedEvents += want.events();
      countedEvents += counted;
      lost += Math.max(0, want.events() - counted);
      doubled += Math.max(0, counted - want.events());
      boolean live = row != null && !row.retracted();
      boolean otherSpan = live && want.events() > 0 && row.windowEndMs() != want.windowEndMs();
      if ((counted != want.events() || otherSpan || Math.abs(value - wantValue) > TOLERANCE * Math.max(1, Math.abs(wantValue)))
          && differences.size() < MAX_DIFFERENCES) {
        differences.add(new Difference(Instant.ofEpochMilli(key.windowStartMs()),
            Instant.ofEpochMilli(live ? row.windowEndMs() : want.windowEndMs()), key.groupKey(), key.type(),
            key.country(), key.plan(), want.events(), counted, wantValue, value, row != null && row.isFinal()));
      }
    }
    return new AggregationCheck(definition.name(), keys.size(), expectedEvents, countedEvents, lost, doubled,
        queries.lateEvents(definition.name(), lo, hi), pending, differences);
  }

  private static double value(Measure measure, Recount recount) {
    return switch (measure) {
      case COUNT -> recount.events();
      case SUM -> recount.sum();
      case DISTINCT_USERS -> recount.users();
      case AVG -> recount.avg();
      case MIN -> recount.min();
      case MAX -> recount.max();
    };
  }
}
