package io.pulse.loadtest.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast the aggregator can go when it is the only thing working: a backlog of events is written
 * straight into the {@code events} topic (as ingest would write them, bypassing HTTP), then the
 * time until each stage has consumed it is measured. Tells whether ingest or aggregation is the
 * stage that limits end-to-end throughput, and what each stage costs in CPU.
 */
final class CapacityProbe {

  private CapacityProbe() {}

  static void run(Measures.Probes probes, String bootstrap, long records, EventFactory events, int timeoutSeconds,
      PrintStream out) throws InterruptedException {
    out.printf("%n== aggregator capacity: %,d events written straight to 'events', then drained ==%n", records);
    Measures before = probes.take();
    long started = System.nanoTime();
    produce(bootstrap, records, events);
    double produceSeconds = (System.nanoTime() - started) / 1e9;
    long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long enrichedBefore = before.topicEnds().getOrDefault("events-enriched", 0L);
    Double enrichedDone = null;
    Double streamsDone = null;
    Double aggregationsDone = null;
    Double sinkDone = null;
    while (System.nanoTime() < deadline && sinkDone == null) {
      // Offsets only (scraping the services would cost them CPU), every 100 ms: a drain takes a few
      // seconds, and polling once a second made its figure a whole number of seconds.
      Thread.sleep(100);
      Map<String, ConsumerLag.TopicOffsets> streams = probes.lag().of(Measures.STREAMS_GROUP, Measures.STREAMS_INPUTS);
      Map<String, ConsumerLag.TopicOffsets> sink = probes.sinkOffsets();
      double elapsed = (System.nanoTime() - started) / 1e9;
      if (enrichedDone == null && probes.lag().endOffsets(List.of("events-enriched")).getOrDefault("events-enriched", 0L) - enrichedBefore >= records) {
        enrichedDone = elapsed;
      }
      if (streamsDone == null && lag(streams, t -> t.equals("events")) == 0) {
        streamsDone = elapsed;
      }
      if (streamsDone != null && aggregationsDone == null && lag(streams, t -> t.endsWith("-repartition")) == 0) {
        aggregationsDone = elapsed;
      }
      if (aggregationsDone != null && lag(sink, t -> true) == 0) {
        sinkDone = elapsed;
      }
    }
    Measures last = probes.take();
    out.printf("  written in %.1f s (%,.0f events/s, plain producer)%n", produceSeconds, records / produceSeconds);
    report(out, "every event enriched", records, enrichedDone);
    // the stages below are read from committed offsets: a task commits at its first tick (250 ms)
    // without input, so each lags by a tick or two
    report(out, "aggregator read 'events'", records, streamsDone);
    report(out, "aggregations caught up", records, aggregationsDone);
    report(out, "sink caught up", records, sinkDone);
    double seconds = (last.processes().nanos() - before.processes().nanos()) / 1e9;
    Map<String, Long> writes = Measures.brokerWrites(before, last);
    long allWrites = writes.values().stream().mapToLong(Long::longValue).sum();
    out.printf("  broker records written   %,d = %.1f per event %s%n", allWrites, (double) allWrites / records,
        PhaseReport.perSecond(writes, 1).replace("/s", ""));
    long windowRows = consumed(before.sink(), last.sink(), "window-results");
    out.printf("  window rows to ClickHouse %,d = %.2f per event%n", windowRows, (double) windowRows / records);
    out.printf("  ClickHouse               %s%n", Measures.clickHouseWork(before, last));
    out.printf("  CPU over those %.0f s:", seconds);
    for (String process : probes.processStats().pids().keySet()) {
      out.printf("  %s %.0f%%", process, probes.processStats().cpuPercent(before.processes(), last.processes(), process));
    }
    out.printf("%n");
  }

  private static void report(PrintStream out, String stage, long records, Double seconds) {
    if (seconds == null) {
      out.printf("  %-26s not within the time limit%n", stage);
    } else {
      out.printf("  %-26s after %5.1f s  -> %,8.0f events/s%n", stage, seconds, records / seconds);
    }
  }

  private static long consumed(Map<String, ConsumerLag.TopicOffsets> before, Map<String, ConsumerLag.TopicOffsets> after,
      String topic) {
    ConsumerLag.TopicOffsets a = before.get(topic);
    ConsumerLag.TopicOffsets b = after.get(topic);
    return b == null ? 0 : b.committed() - (a == null ? 0 : a.committed());
  }

  /** The records behind on {@code topics}; unknown (no such topic in the answer: none yet, or no answer) is not drained. */
  private static long lag(Map<String, ConsumerLag.TopicOffsets> offsets, java.util.function.Predicate<String> topics) {
    List<ConsumerLag.TopicOffsets> matching = offsets.entrySet().stream().filter(e -> topics.test(e.getKey()))
        .map(Map.Entry::getValue).toList();
    return matching.isEmpty() ? Long.MAX_VALUE : matching.stream().mapToLong(ConsumerLag.TopicOffsets::lag).sum();
  }

  private static void produce(String bootstrap, long records, EventFactory events) {
    Properties props = new Properties();
    props.putAll(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024));
    AtomicLong failures = new AtomicLong();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      // A burst of ten events per millisecond from now: stream time keeps moving while the backlog is
      // worked off, as in a real catch-up. (Times ending now would start minutes behind the stream
      // time the platform had, and the short-grace aggregations would count most of them late.)
      long firstEventTime = System.currentTimeMillis();
      for (long i = 0; i < records; i++) {
        EventFactory.KafkaEvent event = events.kafkaEvent(firstEventTime + i / 10);
        producer.send(new ProducerRecord<>("events", event.userId(), event.value()),
            (metadata, error) -> {
              if (error != null) {
                failures.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " capacity-probe sends failed");
    }
  }
}
