package io.pulse.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.topic.TopicProperties;
import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaStreamsConfiguration;

@ExtendWith(OutputCaptureExtension.class)
class LiveWarmUpTest {

  private static final TopicProperties TOPICS = new TopicProperties(1, 6);

  @Test
  void runsTheShippedAggregationsThroughTheBrokerAndLeavesNoTopicOrGroupBehindNorOneAKilledRunLeft() throws Exception {
    try (KafkaServer kafka = TestServers.startKafka();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(LiveWarmUp.TOPIC_PREFIX + "killed-events", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);

      long rows = liveWarmUp(kafka.bootstrapServers(), 5_000).drive(5_000);

      assertThat(rows).as("window rows: the copy ran every stage, on the broker").isGreaterThan(100);
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .noneMatch(name -> name.startsWith(LiveWarmUp.TOPIC_PREFIX) || name.startsWith(LiveWarmUp.APPLICATION_ID_PREFIX));
      assertThat(admin.listGroups().all().get(30, TimeUnit.SECONDS)).extracting(GroupListing::groupId)
          .noneMatch(group -> group.startsWith(LiveWarmUp.APPLICATION_ID_PREFIX));
    }
  }

  /** It creates and deletes topics: a production cluster must never get that unasked. */
  @Test
  void isOffAsShippedAndThenNeverContactsTheBroker(CapturedOutput output) throws IOException {
    assertThat(WarmUpTest.shipped().liveWarmUpEvents()).isZero();

    liveWarmUp("127.0.0.1:1", 0).start();

    assertThat(output).doesNotContain("Warmed up live");
  }

  private static LiveWarmUp liveWarmUp(String bootstrapServers, int events) throws IOException {
    AggregatorProperties shipped = WarmUpTest.shipped();
    AggregatorProperties properties = new AggregatorProperties(shipped.aggregations(), shipped.dedupHorizon(),
        shipped.emitInterval(), shipped.idleTimeout(), shipped.preAggregate(), 0, events);
    return new LiveWarmUp(properties, TOPICS, new KafkaStreamsConfiguration(Map.of(
        StreamsConfig.APPLICATION_ID_CONFIG, "pulse-aggregator",
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        StreamsConfig.REPLICATION_FACTOR_CONFIG, 1,
        "consumer.session.timeout.ms", 10_000)));
  }
}
