package io.pulse.aggregator.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.aggregator.config.AggregatorProperties;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.EmitMode;
import io.pulse.contracts.aggregation.WindowResult;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Retracts the provisional rows of sessions that a crash left behind. A session's span grows with
 * its events, and the finalizer retracts the row of each span it replaced; but under at-least-once
 * a crash can lose the finalizer's record of a row it had already sent, and the row of that old
 * span then stays in ClickHouse, provisional forever. Sessions of one group never overlap, so any
 * provisional row of the group inside a final session's span is such a leftover: when final
 * session rows are written, this finds those rows and returns their retractions. Rows of one group
 * share a partition of window-results, so a final row is never written before a row it replaces.
 * Only session aggregations that emit provisional rows need it; with {@code emit: final} it is idle.
 */
final class SupersededSessions {

  private static final Logger log = LoggerFactory.getLogger(SupersededSessions.class);

  private final ClickHouse clickHouse;
  private final Set<String> aggregations;
  private final Counter retracted;

  SupersededSessions(ClickHouse clickHouse, AggregatorProperties properties, MeterRegistry registry) {
    this.clickHouse = clickHouse;
    this.retracted = Counter.builder("pulse.sink.superseded.sessions")
        .description("provisional session rows a crash left behind, retracted when their session became final")
        .register(registry);
    this.aggregations = properties.aggregations().stream()
        .filter(d -> d.window().type() == WindowType.SESSION && d.emit() == EmitMode.UPDATES)
        .map(AggregationDefinition::name)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Retractions for the provisional rows that the final session rows among {@code written} replace. */
  List<WindowResult> retractionsFor(List<WindowResult> written) {
    Map<Group, List<WindowResult>> finals = new HashMap<>();
    for (WindowResult row : written) {
      if (row.isFinal() && !row.retracted() && aggregations.contains(row.aggregation())) {
        finals.computeIfAbsent(Group.of(row), g -> new ArrayList<>()).add(row);
      }
    }
    if (finals.isEmpty()) {
      return List.of();
    }
    List<WindowResult> retractions = new ArrayList<>();
    for (JsonNode row : provisionalRowsNear(finals)) {
      Group group = new Group(row.get("aggregation").asString(), row.get("group_key").asString(),
          row.get("type").asString(), row.get("country").asString(), row.get("plan").asString());
      long start = row.get("window_start_ms").asLong();
      long end = row.get("window_end_ms").asLong();
      for (WindowResult session : finals.getOrDefault(group, List.of())) {
        if (within(start, end, session)) {
          retractions.add(retraction(group, start, end, session));
          break;
        }
      }
    }
    if (!retractions.isEmpty()) {
      retracted.increment(retractions.size());
      log.info("Retracting {} provisional session rows a crash left behind inside final sessions", retractions.size());
    }
    return retractions;
  }

  /** The newest version of every provisional row of these groups starting within the final sessions' time range. */
  private List<JsonNode> provisionalRowsNear(Map<Group, List<WindowResult>> finals) {
    List<WindowResult> sessions = finals.values().stream().flatMap(List::stream).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("aggregations", finals.keySet().stream().map(Group::aggregation).distinct().toList());
    params.put("keys", finals.keySet().stream().map(Group::key).distinct().toList());
    params.put("from", sessions.stream().mapToLong(s -> s.windowStart().toEpochMilli()).min().orElseThrow());
    params.put("to", sessions.stream().mapToLong(s -> s.windowEnd().toEpochMilli()).max().orElseThrow());
    return clickHouse.query("""
        SELECT aggregation, window_start_ms, window_end_ms, group_key, type, country, plan
        FROM window_aggregates FINAL
        WHERE aggregation IN :aggregations AND window_start_ms >= :from AND window_start_ms <= :to
          AND group_key IN :keys AND is_final = 0 AND retracted = 0""", params);
  }

  private static boolean within(long start, long end, WindowResult session) {
    long sessionStart = session.windowStart().toEpochMilli();
    long sessionEnd = session.windowEnd().toEpochMilli();
    return sessionStart <= start && end <= sessionEnd && (start != sessionStart || end != sessionEnd);
  }

  private static WindowResult retraction(Group group, long start, long end, WindowResult session) {
    return new WindowResult(group.aggregation(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), group.key(),
        group.type(), group.country(), group.plan(), 0, 0, WindowResult.RETRACTED_REVISION, false, true, session.watermark(),
        Instant.EPOCH, session.emittedAt());
  }

  /** What identifies a group's rows apart from the window. */
  private record Group(String aggregation, String key, String type, String country, String plan) {

    static Group of(WindowResult row) {
      return new Group(row.aggregation(), row.groupKey(), row.type(), row.country(), row.plan());
    }
  }
}
