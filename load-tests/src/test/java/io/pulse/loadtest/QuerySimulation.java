package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Query load on a running query API: the current top-10 leaderboard at a constant rate (default
 * 50 requests/s, the figure the latency bar is set at), plus the chart's series reads and
 * last-closed boards alongside. Fails when the top-10 p99 or the error rate misses its bar.
 *
 * <p>System properties: pulse.readKey (required: the query API's read key), pulse.baseUrl, pulse.aggregation, pulse.rate (top-10 req/s),
 * pulse.duration (seconds, measured), pulse.warmUp (seconds, not asserted), pulse.p99Millis, pulse.keys (group keys product-0..N-1 in the data).
 */
public class QuerySimulation extends Simulation {

  private static final String BASE_URL = SimulationProperties.string("baseUrl", "http://127.0.0.1:8082");
  private static final String AGGREGATION = SimulationProperties.string("aggregation", "loadtest-clicks-1m");
  private static final double RATE = SimulationProperties.decimal("rate", 50);
  private static final Duration DURATION = SimulationProperties.seconds("duration", 60);
  private static final int P99_MILLIS = SimulationProperties.integer("p99Millis", 20);
  private static final Duration WARM_UP = SimulationProperties.seconds("warmUp", 45);
  private static final int KEYS = SimulationProperties.integer("keys", 100);

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("application/json")
      .header("X-Api-Key", SimulationProperties.readKey())
      .shareConnections();

  private final Iterator<Map<String, Object>> keys = Stream.generate(
      () -> Map.<String, Object>of("key", "product-" + ThreadLocalRandom.current().nextInt(Math.min(KEYS, 20)))).iterator();

  private final ScenarioBuilder topTen = scenario("top-10").exec(
      http("leaderboard top-10").get("/v1/leaderboards/" + AGGREGATION + "?limit=10")
          .check(status().is(200), jsonPath("$.entries[9].key").exists()));

  private final ScenarioBuilder closed = scenario("closed").exec(
      http("leaderboard top-10 closed").get("/v1/leaderboards/" + AGGREGATION + "?limit=10&window=closed")
          .check(status().is(200), jsonPath("$.final").is("true")));

  private final ScenarioBuilder series = scenario("series").feed(keys).exec(
      http("series 60 windows").get("/v1/aggregations/" + AGGREGATION + "/series?key=#{key}")
          .check(status().is(200), jsonPath("$.points[59]").exists()));

  /** JIT-compiles both sides (and fills the status cache) before anything is measured: after 15 s a fresh
   * query-api still compiled during the measured minute (top-10 p99 25 ms, 16 ms once warm). */
  private final ScenarioBuilder warmUp = scenario("warm-up").exec(
      http("warm-up").get("/v1/leaderboards/" + AGGREGATION + "?limit=10").check(status().is(200)));

  {
    setUp(
        warmUp.injectOpen(constantUsersPerSec(RATE).during(WARM_UP)).andThen(
            topTen.injectOpen(constantUsersPerSec(RATE).during(DURATION)),
            closed.injectOpen(constantUsersPerSec(Math.max(1, RATE / 10)).during(DURATION)),
            series.injectOpen(constantUsersPerSec(Math.max(1, RATE / 5)).during(DURATION))))
        .protocols(protocol)
        .assertions(
            global().failedRequests().percent().lte(0.1),
            details("leaderboard top-10").responseTime().percentile(99.0).lte(P99_MILLIS),
            details("leaderboard top-10").failedRequests().count().is(0L));
  }
}
