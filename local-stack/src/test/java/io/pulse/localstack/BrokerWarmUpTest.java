package io.pulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerWarmUpTest {

  @TempDir
  Path dataDir;

  @Test
  void writesAndReadsBackThroughTheBrokerAndLeavesNoTopicBehindEvenWhenALeftOverOneExists() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("local-stack-warm-up", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);

      BrokerWarmUp.run(kafka.bootstrapServers(), 20_000);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("local-stack-warm-up"));
    }
  }

  /** The launcher's case: the topic is created and written at once, while the broker may not have opened its partitions. */
  @Test
  void writesToATopicItCreatesOnAFreshBroker() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dataDir, 0);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      BrokerWarmUp.run(kafka.bootstrapServers(), 20_000);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("local-stack-warm-up"));
    }
  }
}
