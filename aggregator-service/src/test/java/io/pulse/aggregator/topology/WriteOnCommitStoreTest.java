package io.pulse.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.testservers.KafkaServer;
import io.pulse.testservers.TestServers;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The group store on a real broker: values reach the changelog at commits, one record per key
 * however many puts came before, and a task started on an empty state directory reads them back.
 * A value its owner keeps in a field (as a stream clock does) is put by the flush hook, so it reaches
 * the changelog at the same commits.
 */
class WriteOnCommitStoreTest {

  private static final String STORE = "counts";
  /** The processor's running total, kept in a field and put before each flush. */
  private static final String TOTAL = "total";
  private static final int KEYS = 10;
  private static KafkaServer kafka;

  @BeforeAll
  static void startKafka() {
    kafka = TestServers.startKafka();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void valuesReachTheChangelogOncePerCommitAndARestartedTaskReadsThemBack() throws Exception {
    String app = "write-on-commit-" + UUID.randomUUID();
    String input = app + "-in";
    String output = app + "-out";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1))).all().get();
    }

    KafkaStreams first = start(app, input, output);
    produce(input, 100); // 100 puts per key, no commit due before close
    await().atMost(Duration.ofSeconds(60)).until(() -> countsAre(lastCounts(output), 100));
    // a clean close commits: the store writes each key's value once; leaving the group lets the restart in at once
    first.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP));

    List<ConsumerRecord<String, Long>> changelog = readAll(app + "-" + STORE + "-changelog");
    assertThat(changelog).hasSize(KEYS + 1);
    assertThat(changelog).filteredOn(record -> !record.key().equals(TOTAL))
        .hasSize(KEYS).allSatisfy(record -> assertThat(record.value()).isEqualTo(100L));
    assertThat(changelog).filteredOn(record -> record.key().equals(TOTAL))
        .singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(100L * KEYS));

    try (KafkaStreams restarted = start(app, input, output)) { // an empty state directory: restored from the changelog
      produce(input, 1);
      await().atMost(Duration.ofSeconds(60)).until(() -> countsAre(lastCounts(output), 101));
    }
  }

  @Test
  void aProcessorInitializedAgainOnTheSameStoreReplacesItsFlushHook() {
    MockProcessorContext<String, Long> context = new MockProcessorContext<>();
    KeyValueStore<String, Long> store = MockStores.register(context, MockStores.store(STORE, Serdes.Long()));
    List<String> ran = new ArrayList<>();
    WriteOnCommitStore.beforeEachFlush(store, "clock", () -> ran.add("first owner"));
    WriteOnCommitStore.beforeEachFlush(store, "clock", () -> ran.add("second owner")); // a resumed task's new processor
    WriteOnCommitStore.beforeEachFlush(store, "other", () -> ran.add("other"));

    MockStores.copy(store); // a scan flushes first

    assertThat(ran).containsExactly("second owner", "other");
  }

  private static KafkaStreams start(String app, String input, String output) throws java.io.IOException {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), input);
    topology.addProcessor("count", Counter::new, "in");
    topology.addStateStore(WriteOnCommitStore.builder(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long())), "count");
    topology.addSink("out", output, Serdes.String().serializer(), Serdes.Long().serializer(), "count");
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("write-on-commit").toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Duration.ofHours(1).toMillis());
    config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    KafkaStreams streams = new KafkaStreams(topology, config);
    streams.start();
    return streams;
  }

  private static void produce(String topic, int perKey) {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < perKey; i++) {
        for (int key = 0; key < KEYS; key++) {
          producer.send(new ProducerRecord<>(topic, "k" + key, "x"));
        }
      }
    }
  }

  /** Every key counted {@code perKey} times, and the total after them. */
  private static boolean countsAre(Map<String, Long> counts, long perKey) {
    return counts.size() == KEYS + 1 && counts.entrySet().stream()
        .allMatch(count -> count.getValue() == (count.getKey().equals(TOTAL) ? perKey * KEYS : perKey));
  }

  private static Map<String, Long> lastCounts(String topic) {
    Map<String, Long> last = new HashMap<>();
    readAll(topic).forEach(record -> last.put(record.key(), record.value()));
    return last;
  }

  private static List<ConsumerRecord<String, Long>> readAll(String topic) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, Long>> records = new ArrayList<>();
    try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new LongDeserializer())) {
      var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** Counts records per key in the store and sends every new count, and the running total after it. */
  private static final class Counter implements Processor<String, String, String, Long> {

    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> counts;
    private long total;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.counts = context.getStateStore(STORE);
      Long restored = counts.get(TOTAL);
      total = restored == null ? 0 : restored;
      WriteOnCommitStore.beforeEachFlush(counts, TOTAL, () -> counts.put(TOTAL, total));
    }

    @Override
    public void process(Record<String, String> record) {
      Long count = counts.get(record.key());
      long next = count == null ? 1 : count + 1;
      counts.put(record.key(), next);
      context.forward(record.withValue(next));
      context.forward(new Record<>(TOTAL, ++total, record.timestamp()));
    }
  }
}
