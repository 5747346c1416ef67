package io.pulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pulse.contracts.event.Event;
import io.pulse.testservers.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into the running platform (broker, ClickHouse and services as real processes)
 * while a client posts a steady flow of events; every case ends with the correctness oracle
 * finding each 202-accepted event counted exactly once. One platform serves all cases: each case
 * has its own 20-minute slot of event time, later than the previous case's clock events, so no
 * case's events are late for another's stream time. Recovery times are printed ("FAULT ..."). Run
 * once per processing guarantee: both must come out exact. Local only: it kills and restarts the
 * server processes, so -Pcontainers leaves it out.
 */
@Tag(TestServers.LOCAL_ONLY)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FaultInjectionScenario {

  private static final Duration SLOT = Duration.ofMinutes(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);

  private final Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
  private final List<String> recoveries = new ArrayList<>();
  private int slots;
  private Platform platform;
  private PlatformClient client;
  private Oracle oracle;

  @BeforeAll
  void startPlatform() throws Exception {
    Path config = Path.of(getClass().getResource("/fault-aggregations.yml").toURI());
    Map<String, String> env = new HashMap<>(aggregatorEnv());
    env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + config);
    env.put("PULSE_PROCESSING_GUARANTEE", processingGuarantee());
    platform = Platform.start("faults-" + processingGuarantee(), env);
    client = new PlatformClient(platform);
    oracle = new Oracle(platform, client);
  }

  abstract String processingGuarantee();

  /** Further settings of the aggregator under test. */
  Map<String, String> aggregatorEnv() {
    return Map.of();
  }

  @AfterAll
  void stopPlatform() {
    recoveries.forEach(System.out::println);
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void aggregatorKilledMidStreamRestartsFromItsStateAndCountsEveryAcceptedEventOnce() throws Exception {
    FaultEvents events = nextCase("kill9");
    List<Event> accepted;
    Instant killed;
    Duration restarted;
    try (SteadyTraffic traffic = SteadyTraffic.start(client, events)) {
      traffic.awaitMoreAccepted(1500, PROGRESS_TIMEOUT);
      killed = Instant.now();
      platform.killAggregator();
      traffic.awaitMoreAccepted(500, PROGRESS_TIMEOUT); // ingest does not depend on the aggregator
      platform.restartAggregator();
      restarted = Duration.between(killed, Instant.now());
      accepted = traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT).stop(STOP_TIMEOUT);
      assertThat(traffic.statuses().keySet()).as("ingest answers while the aggregator is down").containsOnly(202);
    }
    Duration counted = oracle.awaitCounted(events, accepted, killed);
    oracle.assertExactlyOnce(events, accepted);
    if (processingGuarantee().equals("at_least_once")) {
      // The kill fell between shuffle sends and their commit: the restarted task replayed events from
      // the last commit and sent their shuffle records again, and the oracle above found none counted
      // twice. (Under exactly-once, aborted records and transaction markers take offsets too.)
      long routed = client.clickHouse("SELECT uniqExact(event_id) AS n FROM events WHERE entity_id != ''")
          .getFirst().get("n").asLong();
      try (StreamsGroup group = new StreamsGroup(platform.kafka.bootstrapServers())) {
        assertThat(group.recordsWritten("by-entityId-repartition")).as("records sent to the entityId shuffle for %d events", routed)
            .isGreaterThan(routed);
      }
    }
    record("kill -9 of the aggregator: restarted and healthy %s after the kill, every accepted event counted %s after it"
        + " (%d events)", restarted, counted, accepted.size());
  }

  @Test
  @Order(2)
  void clickHouseDownFor20SecondsLosesNothingAndIngestKeepsAccepting() throws Exception {
    FaultEvents events = nextCase("clickhouse");
    List<Event> accepted;
    Instant stopped;
    Instant started;
    try (SteadyTraffic traffic = SteadyTraffic.start(client, events)) {
      traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT);
      double retriesBefore = client.metric(platform.aggregator, "pulse_sink_retries_total");
      stopped = Instant.now();
      platform.stopClickHouse();
      // Down for 20 s of steady flow, during which the sink must be failing and retrying.
      await("20 s of flow without ClickHouse").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> Duration.between(stopped, Instant.now()).toSeconds() >= 20
              && client.metric(platform.aggregator, "pulse_sink_retries_total") > retriesBefore);
      int acceptedWhileDown = traffic.acceptedCount();
      platform.startClickHouse();
      started = Instant.now();
      accepted = traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT).stop(STOP_TIMEOUT);
      assertThat(acceptedWhileDown).isGreaterThan(1000);
      assertThat(traffic.statuses().keySet()).as("ingest keeps answering 202 without ClickHouse").containsOnly(202);
    }
    Duration counted = oracle.awaitCounted(events, accepted, started);
    oracle.assertExactlyOnce(events, accepted);
    record("ClickHouse down %s: every accepted event counted %s after it came back (%d events)",
        Duration.between(stopped, started), counted, accepted.size());
  }

  @Test
  @Order(3)
  void kafkaBrokerRestartGets503WithRetryAfterAndNeverA202ForAnEventKafkaDidNotTake() throws Exception {
    FaultEvents events = nextCase("kafka");
    List<Event> accepted;
    Instant restarting;
    Instant back;
    Duration ingestRecovered;
    Map<Integer, Integer> statuses;
    try (SteadyTraffic traffic = SteadyTraffic.start(client, events)) {
      traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT);
      restarting = Instant.now();
      platform.stopKafka();
      // Down until ingest has given up on a batch (send-timeout 10 s): the 503 path, not only a slow 202.
      await("a 503 from ingest").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
          .until(() -> traffic.statuses().containsKey(503));
      platform.startKafka();
      back = Instant.now();
      await("ingest accepting again").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(100))
          .until(() -> traffic.lastAccepted().isAfter(back));
      ingestRecovered = Duration.between(back, traffic.lastAccepted());
      accepted = traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT).stop(STOP_TIMEOUT);
      statuses = traffic.statuses();
      assertThat(statuses.keySet()).as("only 202, 429 or 503: %s", statuses).isSubsetOf(202, 429, 503).contains(503);
      assertThat(traffic.refusedWithoutRetryAfter()).as("every 429/503 carries Retry-After").isZero();
      assertThat(traffic.connectionFailures()).as("ingest never drops a connection").isZero();
    }
    Duration counted = oracle.awaitCounted(events, accepted, back);
    oracle.assertExactlyOnce(events, accepted);
    record("Kafka broker stopped until ingest answered 503, then started (down %s): ingest answered 202 again %s after the broker was back, every accepted event"
        + " counted %s after it (%d events, statuses %s)", Duration.between(restarting, back), ingestRecovered, counted,
        accepted.size(), statuses);
  }

  @Test
  @Order(4)
  void aSecondAggregatorJoiningAndLeavingRebalancesWithoutLossOrDoubleCounts() throws Exception {
    FaultEvents events = nextCase("rebalance");
    List<Event> accepted;
    Duration joined;
    Instant left;
    try (SteadyTraffic traffic = SteadyTraffic.start(client, events);
        StreamsGroup group = new StreamsGroup(platform.kafka.bootstrapServers())) {
      traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT);
      Instant joining = Instant.now();
      try (ServiceProcess second = platform.startSecondAggregator()) {
        group.awaitMembersWithTasks(2, PROGRESS_TIMEOUT);
        joined = Duration.between(joining, Instant.now());
        traffic.awaitMoreAccepted(1500, PROGRESS_TIMEOUT);
        left = Instant.now();
      } // graceful stop: its tasks move back
      group.awaitMembersWithTasks(1, PROGRESS_TIMEOUT);
      accepted = traffic.awaitMoreAccepted(1000, PROGRESS_TIMEOUT).stop(STOP_TIMEOUT);
    }
    Duration counted = oracle.awaitCounted(events, accepted, left);
    oracle.assertExactlyOnce(events, accepted);
    record("second aggregator: both instances held tasks %s after the join started; after it left every accepted event"
        + " counted %s later (%d events)", joined, counted, accepted.size());
  }

  @Test
  @Order(5)
  void clientsRetryingTheSameBatchesConcurrentlyAreCountedOnce() throws Exception {
    FaultEvents events = nextCase("retries");
    List<List<Event>> batches = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batches.add(events.nextBatch(100));
    }
    double duplicatesBefore = client.metric(platform.aggregator, "pulse_stream_duplicates_total");
    List<Integer> order = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < batches.size(); i++) {
        order.add(i);
      }
    }
    Collections.shuffle(order, new java.util.Random(5));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int n = 0; n < order.size(); n++) {
        List<Event> batch = batches.get(order.get(n));
        boolean ndjson = n % 2 == 0;
        statuses.add(pool.submit(() -> (ndjson ? client.postNdjson(batch) : client.postArray(batch)).statusCode()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(202);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Event> accepted = batches.stream().flatMap(List::stream).toList();
    Instant posted = Instant.now();
    Duration counted = oracle.awaitCounted(events, accepted, posted);
    oracle.assertExactlyOnce(events, accepted);
    await("duplicates recognised").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(client.metric(platform.aggregator, "pulse_stream_duplicates_total") - duplicatesBefore)
            .isEqualTo(2.0 * accepted.size()));
    record("retried batches: %d events posted 3 times each, concurrently; all counted %s after the last 202",
        accepted.size(), counted);
  }

  private FaultEvents nextCase(String name) {
    int slot = slots++;
    return new FaultEvents(name, firstSlot.plus(SLOT.multipliedBy(slot)), 100 + slot);
  }

  private void record(String format, Object... args) {
    String line = "FAULT (" + processingGuarantee() + ") " + format.formatted(args);
    System.out.println(line);
    recoveries.add(line);
  }
}
