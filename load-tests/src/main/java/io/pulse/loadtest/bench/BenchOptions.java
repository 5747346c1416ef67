package io.pulse.loadtest.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark driver's command line ({@code --name value} pairs; scripts/bench.sh fills them).
 *
 * @param apiKey               ingest's key (X-Api-Key on POST /v1/events and PUT /v1/users)
 * @param readKey              the query API's read key (X-Api-Key on its reads)
 * @param rate                 batched ingest load of the throughput phase, events/s
 * @param latencyRatePercent   the latency phase runs at this percentage of {@code rate}; 0 skips it
 * @param processes            name → pid of every process whose CPU and memory are reported
 * @param jfrDir               when set, each Java process of {@code processes} records JFR for the
 *                             measured part of the throughput phase into this directory
 * @param capacityRecords      when positive, a backlog of this many events is written straight to
 *                             Kafka after the phases and the aggregator's drain rate measured
 */
record BenchOptions(
    String ingestUrl, String queryUrl, String aggregatorUrl, String clickHouseUrl, String bootstrap, String apiKey, String readKey,
    int rate, int batch, int latencyRatePercent, int warmUpSeconds, int durationSeconds, int queryRate,
    String aggregation, int users, int entities, long baselineRecords, int maxInFlight, int drainTimeoutSeconds,
    Map<String, Long> processes, long clockTicks, Path jfrDir, long capacityRecords) {

  private static final Set<String> KNOWN = Set.of("ingest-url", "query-url", "aggregator-url", "clickhouse-url",
      "bootstrap", "api-key", "read-key", "rate", "batch", "latency-rate-percent", "warmup", "duration", "query-rate",
      "aggregation", "users", "entities", "baseline-records", "max-in-flight", "drain-timeout", "process",
      "clock-ticks", "jfr-dir", "capacity-records");

  static BenchOptions parse(String[] args) {
    Map<String, String> o = new HashMap<>();
    Map<String, Long> processes = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!KNOWN.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'; known: " + KNOWN);
      }
      if (name.equals("process")) {
        String[] nameAndPid = args[i + 1].split("=", 2);
        processes.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
      } else {
        o.put(name, args[i + 1]);
      }
    }
    processes.put("load generator", ProcessHandle.current().pid());
    return new BenchOptions(
        o.getOrDefault("ingest-url", "http://127.0.0.1:8081"),
        o.getOrDefault("query-url", "http://127.0.0.1:8082"),
        o.getOrDefault("aggregator-url", "http://127.0.0.1:8083"),
        o.getOrDefault("clickhouse-url", "http://127.0.0.1:8123"),
        o.getOrDefault("bootstrap", "127.0.0.1:9092"),
        required(o, "api-key"),
        required(o, "read-key"),
        Integer.parseInt(o.getOrDefault("rate", "50000")),
        Integer.parseInt(o.getOrDefault("batch", "100")),
        Integer.parseInt(o.getOrDefault("latency-rate-percent", "70")),
        Integer.parseInt(o.getOrDefault("warmup", "20")),
        Integer.parseInt(o.getOrDefault("duration", "60")),
        Integer.parseInt(o.getOrDefault("query-rate", "50")),
        o.getOrDefault("aggregation", "clicks-per-entity-1m"),
        Integer.parseInt(o.getOrDefault("users", "5000")),
        Integer.parseInt(o.getOrDefault("entities", "1000")),
        Long.parseLong(o.getOrDefault("baseline-records", "1000000")),
        Integer.parseInt(o.getOrDefault("max-in-flight", "64")),
        Integer.parseInt(o.getOrDefault("drain-timeout", "120")),
        processes,
        Long.parseLong(o.getOrDefault("clock-ticks", "100")),
        o.containsKey("jfr-dir") ? Path.of(o.get("jfr-dir")) : null,
        Long.parseLong(o.getOrDefault("capacity-records", "0")));
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
