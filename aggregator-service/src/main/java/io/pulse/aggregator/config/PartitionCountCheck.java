package io.pulse.aggregator.config;

import io.pulse.contracts.topic.TopicProperties;
import io.pulse.contracts.topic.Topics;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the events topic has another partition count than {@code
 * pulse.topics.partitions}: a pre-aggregated dimension closes a window once every source partition's
 * watermark has arrived, so with too high a setting its windows would never become final, and with
 * too low a one a partial from an unknown partition would stop the stream.
 */
@Component
class PartitionCountCheck extends BeforeStreamsStart {

  private final KafkaAdmin admin;
  private final TopicProperties topics;

  /** Before the warm-up. */
  PartitionCountCheck(KafkaAdmin admin, TopicProperties topics) {
    super(2);
    this.admin = admin;
    this.topics = topics;
  }

  @Override
  protected void run() {
    verify(admin, topics.partitions());
  }

  static void verify(KafkaAdmin admin, int configured) {
    int actual = admin.describeTopics(Topics.EVENTS.name()).get(Topics.EVENTS.name()).partitions().size();
    if (actual != configured) {
      throw new IllegalStateException("topic " + Topics.EVENTS.name() + " has " + actual
          + " partitions but pulse.topics.partitions is " + configured + ": set PULSE_TOPICS_PARTITIONS=" + actual
          + " (or recreate the topics, docs/operations.md#scale-out)");
    }
  }
}
