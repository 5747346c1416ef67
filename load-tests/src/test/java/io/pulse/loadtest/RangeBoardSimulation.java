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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Range boards on a running query API over the seeded week of 1-minute windows ({@link SeedWindowAggregates},
 * ~1.1 M rows): top-10 boards of a random hour of the week at a constant rate (default 50 requests/s; each is a
 * range no other request asks for, so board-ttl shares none of them; the closed-window cache serves their windows once
 * warm), plus, alongside, the live
 * {@code last=1h} board (shared by identical requests for board-ttl), {@code last=24h} (1,440 windows) and the
 * whole week once every few seconds. Fails when the random-hour p99 (default 20 ms, issue 12) or the error rate misses
 * its bar.
 *
 * <p>System properties: pulse.readKey (required), pulse.baseUrl, pulse.aggregation, pulse.rate (random-hour
 * req/s), pulse.duration (seconds, measured), pulse.warmUp (seconds, not asserted), pulse.p99Millis, pulse.windows
 * (how many minutes back the seeded data reaches, as given to the seeder).
 */
public class RangeBoardSimulation extends Simulation {

  private static final String BASE_URL = SimulationProperties.string("baseUrl", "http://127.0.0.1:8082");
  private static final String AGGREGATION = SimulationProperties.string("aggregation", "loadtest-clicks-1m");
  private static final double RATE = SimulationProperties.decimal("rate", 50);
  private static final Duration DURATION = SimulationProperties.seconds("duration", 60);
  private static final int P99_MILLIS = SimulationProperties.integer("p99Millis", 20);
  private static final Duration WARM_UP = SimulationProperties.seconds("warmUp", 45);
  private static final int WINDOWS = SimulationProperties.integer("windows", 10080);
  private static final String BOARD = "/v1/leaderboards/" + AGGREGATION;

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("application/json")
      .header("X-Api-Key", SimulationProperties.readKey())
      .shareConnections();

  /** A random whole hour of 1-minute windows within the seeded week (the newest seeded window starts this minute). */
  private final Iterator<Map<String, Object>> hours = Stream.generate(() -> {
    Instant newest = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant from = newest.minus(ThreadLocalRandom.current().nextInt(60, Math.max(61, WINDOWS - 1)), ChronoUnit.MINUTES);
    return Map.<String, Object>of("from", from.toString(), "to", from.plus(1, ChronoUnit.HOURS).toString());
  }).iterator();

  private final ScenarioBuilder randomHour = scenario("random hour").feed(hours).exec(
      http("range 1h top-10").get(BOARD + "?limit=10&from=#{from}&to=#{to}")
          .check(status().is(200), jsonPath("$.window").is("range"), jsonPath("$.entries[9].key").exists()));

  private final ScenarioBuilder lastHour = scenario("last hour").exec(
      http("range last=1h top-10").get(BOARD + "?limit=10&last=1h")
          .check(status().is(200), jsonPath("$.entries[9].key").exists()));

  private final ScenarioBuilder lastDay = scenario("last day").exec(
      http("range last=24h top-10").get(BOARD + "?limit=10&last=24h")
          .check(status().is(200), jsonPath("$.entries[9].key").exists()));

  private final ScenarioBuilder week = scenario("week").exec(
      http("range last=7d top-10").get(BOARD + "?limit=10&last=7d")
          .check(status().is(200), jsonPath("$.entries[9].key").exists()));

  /** JIT-compiles both sides before anything is measured (see QuerySimulation). */
  private final ScenarioBuilder warmUp = scenario("warm-up").feed(hours).exec(
      http("warm-up").get(BOARD + "?limit=10&from=#{from}&to=#{to}").check(status().is(200)));

  {
    setUp(
        warmUp.injectOpen(constantUsersPerSec(RATE).during(WARM_UP)).andThen(
            randomHour.injectOpen(constantUsersPerSec(RATE).during(DURATION)),
            lastHour.injectOpen(constantUsersPerSec(Math.max(1, RATE / 5)).during(DURATION)),
            lastDay.injectOpen(constantUsersPerSec(Math.max(1, RATE / 10)).during(DURATION)),
            week.injectOpen(constantUsersPerSec(0.2).during(DURATION))))
        .protocols(protocol)
        .assertions(
            global().failedRequests().percent().lte(0.1),
            details("range 1h top-10").responseTime().percentile(99.0).lte(P99_MILLIS),
            details("range 1h top-10").failedRequests().count().is(0L));
  }
}
