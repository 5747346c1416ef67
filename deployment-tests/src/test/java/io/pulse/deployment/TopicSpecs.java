package io.pulse.deployment;

import io.pulse.contracts.topic.Topics;
import java.nio.file.Path;
import java.util.List;

/** infra/kafka/topics.txt (what docker compose creates) and the specs in contracts it must equal. */
final class TopicSpecs {

  record Topic(String name, int partitions, String cleanupPolicy, long retentionMs) {}

  private TopicSpecs() {}

  static Path file() {
    return Repo.path("infra/kafka/topics.txt");
  }

  static List<Topic> load() {
    return Repo.read(file()).lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split("\\s+"))
        .peek(fields -> {
          if (fields.length != 4) {
            throw new AssertionError("expected 'name partitions cleanup.policy retention.ms' in " + file() + ": "
                + String.join(" ", fields));
          }
        })
        .map(fields -> new Topic(fields[0], Integer.parseInt(fields[1]), fields[2], Long.parseLong(fields[3])))
        .toList();
  }

  static List<Topic> fromContracts() {
    return Topics.ALL.stream()
        .map(spec -> new Topic(spec.name(), spec.partitions(), spec.cleanupPolicy().configValue(), spec.retentionMs()))
        .toList();
  }
}
