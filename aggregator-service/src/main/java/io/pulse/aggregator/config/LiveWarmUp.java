package io.pulse.aggregator.config;

import io.pulse.aggregator.topology.AnalyticsTopology;
import io.pulse.aggregator.topology.StreamMetrics;
import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.topic.TopicProperties;
import io.pulse.contracts.topic.TopicSpec;
import io.pulse.contracts.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.stereotype.Component;

/**
 * Runs {@code pulse.aggregator.live-warm-up-events} synthetic events through a copy of the topology on
 * the broker, with real Kafka clients, before the Streams client starts: on topics of its own, under
 * an application id of its own, all deleted afterwards. The in-process warm-up ({@link WarmUp}) runs
 * Kafka's mock producer, so the compiled hot path was thrown away at the first real send and
 * compiled again during the load (C2 spent 9 of the first 10 s of a cold drain on it, e.g. 4.6 s on
 * {@code RecordCollectorImpl.send}; docs/benchmark.md). Off by default: it creates and deletes
 * topics, so only the launchers whose broker is the platform's own turn it on.
 */
@Component
class LiveWarmUp extends BeforeStreamsStart {

  private static final Logger log = LoggerFactory.getLogger(LiveWarmUp.class);
  static final String TOPIC_PREFIX = "pulse-warm-up-";
  static final String APPLICATION_ID_PREFIX = "pulse-aggregator-warm-up-";
  private static final List<TopicSpec<String, ?>> TOPICS = List.of(Topics.USER_PROFILES, Topics.EVENTS,
      Topics.EVENTS_ENRICHED, Topics.WINDOW_RESULTS, Topics.EVENTS_LATE, Topics.EVENTS_DLQ);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final AggregatorProperties properties;
  private final TopicProperties topics;
  private final KafkaStreamsConfiguration streamsConfiguration;

  /** Last, after the partition check. */
  LiveWarmUp(AggregatorProperties properties, TopicProperties topics, KafkaStreamsConfiguration streamsConfiguration) {
    super(0);
    this.properties = properties;
    this.topics = topics;
    this.streamsConfiguration = streamsConfiguration;
  }

  @Override
  protected void run() {
    if (properties.liveWarmUpEvents() > 0) {
      long started = System.nanoTime();
      long rows = drive(properties.liveWarmUpEvents());
      System.gc(); // as after the in-process warm-up: G1 gives the memory the warm-up grew back
      log.info("Warmed up live with {} synthetic events through the broker ({} window rows) in {} ms",
          properties.liveWarmUpEvents(), rows, (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** Returns the window rows the copy wrote. */
  long drive(int events) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Function<TopicSpec<?, ?>, String> topic = spec -> TOPIC_PREFIX + run + "-" + spec.name();
    Properties config = new Properties();
    config.putAll(streamsConfiguration.asProperties());
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID_PREFIX + run);
    Path stateDir = WarmUp.temporaryDirectory("pulse-live-warm-up");
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000); // the default (30 s) would hold up the catch-up check
    String bootstrapServers = config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) instanceof Collection<?> servers
        ? servers.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      deleteLeftovers(admin);
      admin.createTopics(TOPICS.stream().map(spec -> new NewTopic(topic.apply(spec), topics.partitions(), (short) 1)).toList())
          .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      produce(bootstrapServers, topic, events);
      StreamsBuilder builder = new StreamsBuilder();
      new AnalyticsTopology(properties, topics.partitions(), StreamMetrics.NONE, TOPIC_PREFIX + run + "-").buildInto(builder);
      try (KafkaStreams streams = new KafkaStreams(builder.build(config), config)) {
        streams.start();
        awaitCaughtUp(admin, APPLICATION_ID_PREFIX + run, topic.apply(Topics.EVENTS));
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(TIMEOUT));
      }
      long rows = endOffsets(admin, topic.apply(Topics.WINDOW_RESULTS));
      deleteLeftovers(admin);
      admin.deleteConsumerGroups(List.of(APPLICATION_ID_PREFIX + run)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return rows;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the live warm-up failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the live warm-up", e);
    } finally {
      WarmUp.delete(stateDir);
    }
  }

  /** Topics of this run, and of any run killed before it could delete its own (their data is dead weight). */
  private static void deleteLeftovers(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
    List<String> leftovers = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
        .filter(name -> name.startsWith(TOPIC_PREFIX) || name.startsWith(APPLICATION_ID_PREFIX)).toList();
    admin.deleteTopics(leftovers).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Profiles, then events, written as ingest writes (lz4, linger 5 ms, 64 KB batches: smaller ones
   * left branches of the lz4 reader that C2 then trapped on under the first real load). The first
   * record of each partition is acknowledged before the rest are sent: a partition the broker has not
   * opened yet refuses it, and the idempotent producer then fails the overtaken retry as out of order
   * until its delivery times out (KAFKA-15591; it happened here: 137 s for a warm-up that otherwise
   * takes about 40).
   */
  private void produce(String bootstrapServers, Function<TopicSpec<?, ?>, String> topic, int events)
      throws ExecutionException, TimeoutException, InterruptedException {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024), new StringSerializer(), new ByteArraySerializer())) {
      int[] users = SyntheticTraffic.profiledUsers();
      for (int i = 0; i < users.length; i++) {
        send(producer, new ProducerRecord<>(topic.apply(Topics.USER_PROFILES), opening(i), SyntheticTraffic.user(users[i]),
            SyntheticTraffic.profile(users[i])));
      }
      long start = System.currentTimeMillis() - events * 5L;
      for (int i = 0; i < events; i++) {
        Event event = SyntheticTraffic.event(i, start);
        send(producer, new ProducerRecord<>(topic.apply(Topics.EVENTS), opening(i), event.userId(), EventJson.write(event)));
      }
      producer.flush();
    }
  }

  /** The partition of one of the first records, one per partition; null (the key's) for the rest. */
  private Integer opening(int index) {
    return index < topics.partitions() ? index : null;
  }

  private static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (record.partition() != null) {
      producer.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } else {
      producer.send(record);
    }
  }

  /** Until the copy has committed every partition of its input and everything it read: profiles and shuffles too. */
  private void awaitCaughtUp(Admin admin, String applicationId, String input)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<TopicPartition, Long> ends = endOffsets(admin, List.copyOf(committed.keySet()));
      long inputPartitions = committed.keySet().stream().filter(partition -> partition.topic().equals(input)).count();
      if (inputPartitions == topics.partitions()
          && committed.entrySet().stream().allMatch(entry -> entry.getValue().offset() >= ends.get(entry.getKey()))) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new TimeoutException("the live warm-up's copy of the topology did not catch up within " + TIMEOUT);
  }

  private long endOffsets(Admin admin, String topicName) throws ExecutionException, TimeoutException, InterruptedException {
    List<TopicPartition> partitions = IntStream.range(0, topics.partitions())
        .mapToObj(partition -> new TopicPartition(topicName, partition)).toList();
    return endOffsets(admin, partitions).values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions)
      throws ExecutionException, TimeoutException, InterruptedException {
    return admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
        .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }
}
