package io.pulse.contracts.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

/** The one declaration of the platform's topics, as the services import it. */
class TopicDeclarationsTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(TopicDeclarations.class)
      .withBean(DeclaredTopics.class, () -> new DeclaredTopics(Map.of()));

  /** What KafkaAdmin would create at start-up: the topics it finds in the context, as it finds them. */
  static class DeclaredTopics extends KafkaAdmin {

    DeclaredTopics(Map<String, Object> config) {
      super(config);
    }

    List<NewTopic> all() {
      return List.copyOf(newTopics());
    }
  }

  @Test
  void declaresEveryTopicSpecWithItsPartitionsCleanupPolicyAndRetentionOnOneReplicaByDefault() {
    context.run(ctx -> {
      List<NewTopic> topics = ctx.getBean(DeclaredTopics.class).all();
      assertThat(topics).extracting(NewTopic::name)
          .containsExactlyElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
      for (TopicSpec<?, ?> spec : Topics.ALL) {
        NewTopic topic = topics.stream().filter(t -> t.name().equals(spec.name())).findFirst().orElseThrow();
        assertThat(topic.numPartitions()).as(spec.name()).isEqualTo(spec.partitions());
        assertThat(topic.replicationFactor()).as(spec.name()).isEqualTo((short) 1);
        assertThat(topic.configs()).as(spec.name()).isEqualTo(Map.of(
            "cleanup.policy", spec.cleanupPolicy().configValue(), "retention.ms", Long.toString(spec.retentionMs())));
      }
    });
  }

  @Test
  void everyTopicHasAnExplicitRetentionAndTheCompactedProfilesNeverExpire() {
    context.run(ctx -> {
      Map<String, String> retention = new TreeMap<>();
      ctx.getBean(DeclaredTopics.class).all().forEach(topic -> retention.put(topic.name(), topic.configs().get("retention.ms")));
      assertThat(retention).containsEntry("events", "604800000")
          .containsEntry("events-dlq", "2592000000")
          .containsEntry("user-profiles", "-1")
          .doesNotContainValue(null);
    });
  }

  @Test
  void theReplicationFactorIsOneSettingForEveryTopic() {
    context.withPropertyValues("pulse.topics.replication-factor=3").run(ctx ->
        assertThat(ctx.getBean(DeclaredTopics.class).all())
            .extracting(NewTopic::replicationFactor).containsOnly((short) 3));
  }

  @Test
  void thePartitionsOfEveryKeyedTopicAreOneSetting() {
    context.withPropertyValues("pulse.topics.partitions=12").run(ctx -> {
      for (NewTopic topic : ctx.getBean(DeclaredTopics.class).all()) {
        boolean keyed = List.of("events", "user-profiles", "events-enriched", "window-results").contains(topic.name());
        assertThat(topic.numPartitions()).as(topic.name()).isEqualTo(keyed ? 12 : 1);
      }
    });
  }

  @Test
  void aReplicationFactorBelowOneStopsTheStart() {
    context.withPropertyValues("pulse.topics.replication-factor=0").run(ctx ->
        assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("pulse.topics.replication-factor"));
  }
}
