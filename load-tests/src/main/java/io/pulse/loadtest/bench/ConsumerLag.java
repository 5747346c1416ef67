package io.pulse.loadtest.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Committed offsets and end offsets of a consumer group, summed per topic: how many records each
 * stage has consumed, and how many it still has to (its lag). The Streams application id is its
 * group, so this covers the aggregator's input and repartition topics as well as the sink.
 */
final class ConsumerLag {

  /**
   * Per topic: records committed (consumed), the end of the topic, and records behind it. The lag
   * allows one offset per partition: under exactly-once every transaction ends in a commit marker
   * that takes an offset, and a consumer that has read everything may have committed the offset
   * before it, so a drained transactional topic shows a lag of 1 per partition for good.
   */
  record TopicOffsets(long committed, long end, long lag) {}

  private final Admin admin;

  ConsumerLag(Admin admin) {
    this.admin = admin;
  }

  /**
   * Per topic offsets of {@code group} over every partition of {@code inputs} and of each topic it has
   * committed on; a partition it has committed nothing on yet counts from its first offset. (Counting
   * only committed partitions called a stage drained before it had committed its first offset of
   * some partitions: a drain of 100,000 events "read in 1.0 s".) Empty when the broker does not answer.
   */
  Map<String, TopicOffsets> of(String group, Collection<String> inputs) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Set<String> topics = new HashSet<>(inputs);
      committed.keySet().forEach(tp -> topics.add(tp.topic()));
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
          description.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            latest.put(tp, OffsetSpec.latest());
            if (committed.get(tp) == null) {
              earliest.put(tp, OffsetSpec.earliest());
            }
          }));
      Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(latest);
      Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(earliest);
      Map<String, long[]> sums = new HashMap<>();
      ends.forEach((tp, end) -> {
        long[] sum = sums.computeIfAbsent(tp.topic(), t -> new long[3]);
        OffsetAndMetadata offset = committed.get(tp);
        long position = offset != null ? offset.offset() : starts.get(tp).offset();
        sum[0] += position;
        sum[1] += end.offset();
        sum[2] += Math.max(0, end.offset() - position - 1);
      });
      Map<String, TopicOffsets> result = new TreeMap<>();
      sums.forEach((topic, sum) -> result.put(topic, new TopicOffsets(sum[0], sum[1], sum[2])));
      return result;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.of();
    }
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(Map<TopicPartition, OffsetSpec> specs) throws Exception {
    return specs.isEmpty() ? Map.of() : admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS);
  }

  /**
   * Records ever written to the broker, per topic (end offsets of all partitions, summed), for every
   * topic except the raw baseline's. Changelog, repartition and output topics included: this is the
   * broker's real work per ingested event.
   */
  Map<String, Long> endOffsets() {
    try {
      return endOffsets(admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
          .filter(t -> !t.startsWith("bench-raw-")).toList());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.of();
    }
  }

  /** End offsets of the named topics, all partitions summed; empty when the broker does not answer. */
  Map<String, Long> endOffsets(Collection<String> names) {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
          description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      Map<String, Long> result = new TreeMap<>();
      admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
          .forEach((tp, info) -> result.merge(tp.topic(), info.offset(), Long::sum));
      return result;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.of();
    }
  }
}
