package io.pulse.loadtest.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The figures of one measured phase, computed from the measures at its start and end and the load
 * drivers' intervals, and printed as one block.
 */
record PhaseReport(String name, int targetRate, double seconds, double acceptedPerSecond, double streamsInPerSecond,
    double aggregatedPerSecond,
    double eventRowsPerSecond, double ingestP50Ms,
    double ingestP99Ms, double serverProduceP99Ms, double freshnessP50Ms, double freshnessP99Ms, double queryP99Ms,
    long failedIngest, long failedQueries, Map<String, Double> cpuMicrosPerEvent, double drainSeconds) {

  /**
   * How long after the load stops a platform that kept up takes to show no backlog: committed
   * offsets, which the verdict reads, trail by a tick or two once a stage's input is quiet (its
   * tasks commit then, whatever the commit interval) per stage, plus the sink's fetch wait and the probe's 0.5 s polls.
   */
  static final double KEPT_UP_DRAIN_SECONDS = 3;

  private static final Predicate<Map<String, String>> ALL = labels -> true;
  private static final String QUERY_API = "query-api";

  static PhaseReport of(String name, int targetRate, Measures before, Measures after, OpenLoopDriver.Interval ingest,
      OpenLoopDriver.Interval query, ProcessStats processStats, PrintStream out) {
    double seconds = (after.processes().nanos() - before.processes().nanos()) / 1e9;
    double offsetSeconds = Measures.offsetSeconds(before, after);
    double rowSeconds = Measures.rowSeconds(before, after);
    long streamsIn = consumed(before.streams(), after.streams(), "events");
    long repartitionIn = consumedMatching(before.streams(), after.streams(), "-repartition");
    long sinkEvents = consumed(before.sink(), after.sink(), "events-enriched");
    long sinkWindows = consumed(before.sink(), after.sink(), "window-results");
    long eventRows = after.eventRows() - before.eventRows();
    long repartitionWritten = written(before, after, "-repartition");
    // events/s through the whole aggregator: the first sub-topology's rate, scaled down by the share of
    // repartitioned records the aggregation sub-topologies kept pace with
    double aggregated = streamsIn / offsetSeconds
        * (repartitionWritten <= 0 ? 1 : Math.min(1, (double) repartitionIn / repartitionWritten));

    TreeMap<Double, Double> produce = PrometheusText.delta(
        before.ingest().buckets("pulse_ingest_produce_latency_seconds", l -> "success".equals(l.get("outcome"))),
        after.ingest().buckets("pulse_ingest_produce_latency_seconds", l -> "success".equals(l.get("outcome"))));
    TreeMap<Double, Double> freshness = PrometheusText.delta(
        before.aggregator().buckets("pulse_freshness_seconds", ALL), after.aggregator().buckets("pulse_freshness_seconds", ALL));

    out.printf("%n== %s phase: %,d events/s offered in NDJSON batches, %.0f s measured ==%n", name, targetRate, seconds);
    out.printf("  ingest accepted      %,10.0f events/s  (%,d requests ok, %,d failed%s, %,d send slots missed)%n",
        ingest.itemsPerSecond(), ingest.ok(), ingest.failed(), ingest.failures().isEmpty() ? "" : " " + ingest.failures(),
        ingest.missed());
    out.printf("  ingest latency       p50 %6.1f ms   p99 %6.1f ms   p99.9 %6.1f ms   max %6.1f ms  (HTTP round trip, 202)%n",
        ms(ingest.latencyMicros().getValueAtPercentile(50)), ms(ingest.latencyMicros().getValueAtPercentile(99)),
        ms(ingest.latencyMicros().getValueAtPercentile(99.9)), ms(ingest.latencyMicros().getMaxValue()));
    out.printf("  produce (server)     p50 %6.1f ms   p99 %6.1f ms  (first send to last Kafka ack)%n",
        1000 * PrometheusText.quantile(produce, 0.5), 1000 * PrometheusText.quantile(produce, 0.99));
    out.printf("  aggregator in        %,10.0f events/s  (Streams consumed from 'events'; lag at end %,d)%n",
        streamsIn / offsetSeconds, lag(after.streams(), "events"));
    out.printf("  aggregations in      %,10.0f records/s (all repartition topics, %,.0f/s written to them; lag at end %,d)%n",
        repartitionIn / offsetSeconds, repartitionWritten / offsetSeconds, lagMatching(after.streams(), "-repartition"));
    out.printf("  aggregated           %,10.0f events/s  (through every stage of the aggregator)%n", aggregated);
    out.printf("  stored events        %,10.0f rows/s    (ClickHouse 'events'; sink lag at end %,d)%n",
        eventRows / rowSeconds, lag(after.sink(), "events-enriched"));
    out.printf("  window rows          %,10.0f rows/s    (sink consumed 'window-results'; lag at end %,d)%n",
        sinkWindows / offsetSeconds, lag(after.sink(), "window-results"));
    out.printf("  freshness            p50 %6.0f ms   p99 %6.0f ms  (%,.0f rows; accepted at ingest -> row queryable)%n",
        1000 * PrometheusText.quantile(freshness, 0.5), 1000 * PrometheusText.quantile(freshness, 0.99),
        PrometheusText.count(freshness));
    for (String aggregation : after.aggregator().labelValues("pulse_freshness_seconds_bucket", "aggregation")) {
      Predicate<Map<String, String>> only = l -> aggregation.equals(l.get("aggregation"));
      TreeMap<Double, Double> one = PrometheusText.delta(before.aggregator().buckets("pulse_freshness_seconds", only),
          after.aggregator().buckets("pulse_freshness_seconds", only));
      if (PrometheusText.count(one) > 0) {
        out.printf("      %-30s p50 %6.0f ms   p99 %6.0f ms%n", aggregation,
            1000 * PrometheusText.quantile(one, 0.5), 1000 * PrometheusText.quantile(one, 0.99));
      }
    }
    out.printf("  top-10 query         p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms  (%.0f req/s, %,d failed%s)%n",
        ms(query.latencyMicros().getValueAtPercentile(50)), ms(query.latencyMicros().getValueAtPercentile(99)),
        ms(query.latencyMicros().getMaxValue()), query.okPerSecond(), query.failed(),
        query.failures().isEmpty() ? "" : " " + query.failures());
    out.printf("  %-22s %8s %10s %16s%n", "process", "CPU", "RSS", "CPU per event");
    Map<String, Double> cpuPerEvent = new LinkedHashMap<>();
    for (String process : processStats.pids().keySet()) {
      double cpu = processStats.cpuPercent(before.processes(), after.processes(), process);
      // query-api works for the query load, not per event; the rest per event they handled
      double events = switch (process) {
        case QUERY_API -> 0;
        case "ingest-service", "load generator" -> ingest.itemsPerSecond();
        default -> aggregated;
      };
      String perEvent = "";
      if (events > 0) {
        cpuPerEvent.put(process, cpu * 10_000 / events);
        perEvent = String.format("%,8.0f µs", cpu * 10_000 / events);
      }
      out.printf("  %-22s %7.0f%% %7.0f MB %16s%n", process, cpu, after.processes().processes().get(process).rssKb() / 1024.0,
          perEvent);
    }
    out.printf("  %-22s %7.0f%%   (of %d00 %%; load average %s -> %s)%n", "whole machine",
        ProcessStats.machinePercent(before.processes(), after.processes()), Runtime.getRuntime().availableProcessors(),
        before.processes().loadAverage(), after.processes().loadAverage());
    Map<String, Long> writes = Measures.brokerWrites(before, after);
    long allWrites = writes.values().stream().mapToLong(Long::longValue).sum();
    out.printf("  broker writes        %,10.0f records/s = %.1f per accepted event  %s%n", allWrites / offsetSeconds,
        ingest.okItems() == 0 ? 0 : allWrites / (ingest.itemsPerSecond() * offsetSeconds), perSecond(writes, offsetSeconds));
    out.printf("  ClickHouse           %s%n", Measures.clickHouseWork(before, after));

    return new PhaseReport(name, targetRate, seconds, ingest.itemsPerSecond(), streamsIn / offsetSeconds, aggregated,
        eventRows / rowSeconds,
        ms(ingest.latencyMicros().getValueAtPercentile(50)), ms(ingest.latencyMicros().getValueAtPercentile(99)),
        1000 * PrometheusText.quantile(produce, 0.99),
        1000 * PrometheusText.quantile(freshness, 0.5), 1000 * PrometheusText.quantile(freshness, 0.99),
        ms(query.latencyMicros().getValueAtPercentile(99)), ingest.failed(), query.failed(), cpuPerEvent, Double.NaN);
  }

  /** This phase, with the seconds the aggregator and sink took to catch up once its load stopped (infinite: never). */
  PhaseReport drained(double seconds) {
    return new PhaseReport(name, targetRate, this.seconds, acceptedPerSecond, streamsInPerSecond, aggregatedPerSecond,
        eventRowsPerSecond, ingestP50Ms, ingestP99Ms, serverProduceP99Ms,
        freshnessP50Ms, freshnessP99Ms, queryP99Ms, failedIngest, failedQueries, cpuMicrosPerEvent, seconds);
  }

  /**
   * The aggregator kept up: it consumed (nearly) what ingest accepted, and had no more backlog at the
   * end than it works off within {@link #KEPT_UP_DRAIN_SECONDS}. (The committed-offset lag at the end
   * of the phase alone said NO for runs with a freshness p99 of 0.6 s: it is up to a commit interval
   * of records per stage even when nothing is behind.)
   */
  boolean keptUp() {
    return aggregatedWhatWasAccepted() && drainSeconds <= KEPT_UP_DRAIN_SECONDS;
  }

  /** The aggregator consumed (nearly) what ingest accepted. */
  boolean aggregatedWhatWasAccepted() {
    return aggregatedPerSecond >= 0.97 * acceptedPerSecond;
  }

  static String perSecond(Map<String, Long> counts, double seconds) {
    StringBuilder text = new StringBuilder("(");
    counts.forEach((name, count) -> text.append(text.length() > 1 ? ", " : "").append(name).append(' ')
        .append(String.format("%,.0f/s", count / seconds)));
    return text.append(')').toString();
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static long consumed(Map<String, ConsumerLag.TopicOffsets> before, Map<String, ConsumerLag.TopicOffsets> after,
      String topic) {
    ConsumerLag.TopicOffsets a = before.get(topic);
    ConsumerLag.TopicOffsets b = after.get(topic);
    return b == null ? 0 : b.committed() - (a == null ? 0 : a.committed());
  }

  private static long written(Measures before, Measures after, String suffix) {
    return after.topicEnds().entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
        .mapToLong(e -> e.getValue() - before.topicEnds().getOrDefault(e.getKey(), 0L)).sum();
  }

  private static long consumedMatching(Map<String, ConsumerLag.TopicOffsets> before,
      Map<String, ConsumerLag.TopicOffsets> after, String suffix) {
    return after.keySet().stream().filter(t -> t.endsWith(suffix)).mapToLong(t -> consumed(before, after, t)).sum();
  }

  private static long lag(Map<String, ConsumerLag.TopicOffsets> offsets, String topic) {
    ConsumerLag.TopicOffsets o = offsets.get(topic);
    return o == null ? 0 : o.lag();
  }

  private static long lagMatching(Map<String, ConsumerLag.TopicOffsets> offsets, String suffix) {
    return offsets.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(e -> e.getValue().lag()).sum();
  }
}
