package io.pulse.loadtest.bench;

import java.io.PrintStream;
import java.util.List;

/** The closing block: the targets, pass or miss, and the platform as ratios to the raw broker. */
final class Summary {

  static final int TARGET_EVENTS_PER_SECOND = 50_000;
  static final double TARGET_INGEST_P99_MS = 25;
  static final double TARGET_FRESHNESS_P99_MS = 1_000;
  static final double TARGET_QUERY_P99_MS = 20;

  private Summary() {}

  static void print(PrintStream out, RawKafkaBaseline.Result raw, List<PhaseReport> phases, BenchOptions options) {
    PhaseReport throughput = phases.getFirst();
    PhaseReport latency = phases.size() > 1 ? phases.get(1) : throughput;
    double endToEnd = Math.min(throughput.acceptedPerSecond(), throughput.aggregatedPerSecond());

    out.printf("%n== summary ==%n");
    if (raw != null) {
      out.printf("  raw Kafka             producer %,.0f records/s, consumer %,.0f records/s%n",
          raw.produceRecordsPerSecond(), raw.consumeRecordsPerSecond());
    }
    for (PhaseReport p : phases) {
      out.printf("  %-10s @ %,6d/s  accepted %,7.0f/s%s, aggregated %,7.0f/s%s, kept up: %s%n", p.name(), p.targetRate(),
          p.acceptedPerSecond(), ratio(p.acceptedPerSecond(), raw == null ? 0 : raw.produceRecordsPerSecond(), "producer"),
          p.aggregatedPerSecond(), ratio(p.aggregatedPerSecond(), raw == null ? 0 : raw.consumeRecordsPerSecond(), "consumer"), keptUp(p));
      out.printf("  %-10s            ingest p50 %.1f / p99 %.1f ms, freshness p50 %.0f / p99 %.0f ms, query p99 %.1f ms%n",
          "", p.ingestP50Ms(), p.ingestP99Ms(), p.freshnessP50Ms(), p.freshnessP99Ms(), p.queryP99Ms());
    }
    limitingStage(out, throughput);
    out.printf("%n  target                                   measured             %n");
    verdict(out, String.format("%,d events/s end to end (batched)", TARGET_EVENTS_PER_SECOND),
        String.format("%,.0f events/s%s", endToEnd, throughput.keptUp() ? "" : ", not sustained"),
        endToEnd >= TARGET_EVENTS_PER_SECOND * 0.99 && throughput.keptUp() && throughput.targetRate() >= TARGET_EVENTS_PER_SECOND);
    verdict(out, String.format("ingest p99 <= %.0f ms at %,d events/s", TARGET_INGEST_P99_MS, latency.targetRate()),
        String.format("%.1f ms", latency.ingestP99Ms()),
        latency.ingestP99Ms() <= TARGET_INGEST_P99_MS && latency.failedIngest() == 0);
    verdict(out, "freshness p99 <= 1 s (throughput phase)", String.format("%.0f ms", throughput.freshnessP99Ms()),
        throughput.freshnessP99Ms() <= TARGET_FRESHNESS_P99_MS);
    if (latency != throughput) {
      verdict(out, "freshness p99 <= 1 s (latency phase)", String.format("%.0f ms", latency.freshnessP99Ms()),
          latency.freshnessP99Ms() <= TARGET_FRESHNESS_P99_MS);
    }
    verdict(out, String.format("top-10 query p99 <= %.0f ms at %d req/s", TARGET_QUERY_P99_MS, options.queryRate()),
        String.format("%.1f ms", throughput.queryP99Ms()),
        throughput.queryP99Ms() <= TARGET_QUERY_P99_MS && throughput.failedQueries() == 0);
  }

  private static String keptUp(PhaseReport phase) {
    if (phase.keptUp()) {
      return "yes";
    }
    return !phase.aggregatedWhatWasAccepted() ? "NO (aggregated less than accepted)"
        : Double.isInfinite(phase.drainSeconds()) ? "NO (backlog not worked off)"
        : String.format("NO (backlog worked off only %.1f s after the load stopped)", phase.drainSeconds());
  }

  /**
   * The profile that says which stage limits: each process's CPU per event (throughput phase)
   * scaled to the target rate, against the cores this machine has.
   */
  private static void limitingStage(PrintStream out, PhaseReport throughput) {
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("%n  CPU needed for %,d events/s at the throughput phase's cost per event (this machine: %d cores;%n"
        + "  linear, so fixed costs such as polling and merges make it an upper bound when the phase's rate is low)%n",
        TARGET_EVENTS_PER_SECOND, cores);
    double total = 0;
    String limiting = null;
    double most = 0;
    for (var process : throughput.cpuMicrosPerEvent().entrySet()) {
      double needed = process.getValue() * TARGET_EVENTS_PER_SECOND / 1e6;
      total += needed;
      if (needed > most) {
        most = needed;
        limiting = process.getKey();
      }
      out.printf("    %-22s %,8.0f µs/event  -> %5.1f cores%n", process.getKey(), process.getValue(), needed);
    }
    out.printf("    %-22s %17s -> %5.1f cores; the largest share: %s%n", "all together", "", total, limiting);
  }

  private static void verdict(PrintStream out, String target, String measured, boolean met) {
    out.printf("  %-40s %-20s %s%n", target, measured, met ? "met" : "MISSED");
  }

  private static String ratio(double perSecond, double rawPerSecond, String client) {
    return rawPerSecond <= 0 ? "" : String.format(" (%.2f %% of the raw %s)", 100 * perSecond / rawPerSecond, client);
  }
}
