package io.pulse.aggregator.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** A window's partial goes to the partition of its dimension value; a watermark goes to every partition. */
final class PartialPartitioner implements StreamPartitioner<String, Partial> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, Partial partial, int partitions) {
    if (partial instanceof Partial.Watermark) {
      return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
    }
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions));
  }
}
