package io.pulse.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** The aggregator's Streams consumer group as the broker sees it: who holds which partitions. */
final class StreamsGroup implements AutoCloseable {

  /** spring.kafka.streams.application-id of the aggregator. */
  private static final String APPLICATION_ID = "pulse-aggregator";

  private final Admin admin;

  StreamsGroup(String bootstrapServers) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Members that currently hold at least one partition. */
  long membersWithTasks() throws Exception {
    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).all()
        .get(10, TimeUnit.SECONDS).get(APPLICATION_ID);
    return group.members().stream()
        .filter(member -> !member.assignment().topicPartitions().isEmpty())
        .map(member -> member.host() + "/" + member.clientId().replaceAll("-StreamThread-\\d+-consumer$", ""))
        .distinct()
        .count();
  }

  /** Waits until exactly {@code instances} aggregator processes hold partitions (the group is stable). */
  void awaitMembersWithTasks(int instances, Duration timeout) {
    await("%d aggregator instances holding tasks".formatted(instances)).atMost(timeout)
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> membersWithTasks() == instances);
  }

  /** Records ever written to the application's internal topic {@code suffix} (its end offsets, summed). */
  long recordsWritten(String suffix) throws Exception {
    String topic = APPLICATION_ID + "-" + suffix;
    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
        .collect(Collectors.toMap(partition -> new TopicPartition(topic, partition.partition()), partition -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
        .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
  }

  @Override
  public void close() {
    admin.close();
  }
}
