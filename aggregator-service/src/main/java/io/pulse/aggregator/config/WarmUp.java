package io.pulse.aggregator.config;

import io.pulse.aggregator.topology.AnalyticsTopology;
import io.pulse.aggregator.topology.StreamMetrics;
import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.topic.TopicSpec;
import io.pulse.contracts.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs synthetic events through the aggregator's own topology, in process, before the Streams
 * client starts: a fresh JVM interprets the hot path until the JIT has compiled it, and a platform
 * loaded from its first second fell behind for its first minute (docs/benchmark.md). The service
 * reports healthy only once Streams runs, so the warm-up happens before it takes traffic.
 * {@code pulse.aggregator.warm-up-events: 0} turns it off; the live warm-up ({@link LiveWarmUp}), where
 * it is on, replaces it.
 */
@Component
class WarmUp extends BeforeStreamsStart {

  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

  private final AggregatorProperties properties;

  WarmUp(AggregatorProperties properties) {
    super(1);
    this.properties = properties;
  }

  @Override
  protected void run() {
    int events = properties.warmUpEvents();
    if (events > 0 && properties.liveWarmUpEvents() == 0) { // the live warm-up runs the same code on real clients
      long started = System.nanoTime();
      drive(properties, events);
      // The warm-up's garbage grew the heap (RSS 2.9 GB instead of 2.1 GB in the bench); a full
      // collection lets G1 give that memory back before the service takes traffic.
      System.gc();
      log.info("Warmed up the topology with {} synthetic events in {} ms", events, (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * Drives {@code events} synthetic events (profiles, every type, windows closing) through a
   * throw-away copy of the topology; returns the window rows it wrote.
   */
  static long drive(AggregatorProperties properties, int events) {
    Path stateDir = temporaryDirectory("pulse-warm-up");
    StreamsBuilder builder = new StreamsBuilder();
    new AnalyticsTopology(properties, 1, StreamMetrics.NONE).buildInto(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-warm-up");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config, Instant.parse("2030-01-01T00:00:00Z"))) {
      TestInputTopic<String, byte[]> profiles = input(driver, Topics.USER_PROFILES);
      TestInputTopic<String, byte[]> input = input(driver, Topics.EVENTS);
      for (int user : SyntheticTraffic.profiledUsers()) {
        profiles.pipeInput(SyntheticTraffic.user(user), SyntheticTraffic.profile(user));
      }
      long rows = 0;
      long start = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
      for (int i = 0; i < events; i++) {
        Event event = SyntheticTraffic.event(i, start);
        input.pipeInput(event.userId(), EventJson.write(event));
        if (i % 1_000 == 999) {
          driver.advanceWallClockTime(Duration.ofMillis(250)); // ticks: rows, closes
          rows += drain(driver);
        }
      }
      return rows;
    } finally {
      delete(stateDir);
    }
  }

  private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, TopicSpec<String, byte[]> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** What the copy wrote is only for the JIT: read and dropped, so the driver does not keep it. Returns the window rows. */
  private static long drain(TopologyTestDriver driver) {
    long rows = 0;
    for (TopicSpec<String, ?> topic : List.<TopicSpec<String, ?>>of(Topics.WINDOW_RESULTS, Topics.EVENTS_ENRICHED,
        Topics.EVENTS_LATE, Topics.EVENTS_DLQ)) {
      int read = driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer())
          .readRecordsToList().size();
      rows += topic == Topics.WINDOW_RESULTS ? read : 0;
    }
    return rows;
  }

  static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      log.warn("Could not delete the warm-up's state in {}", directory, e);
    }
  }
}
