package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
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
import io.pulse.loadtest.bench.EventFactory;
import java.time.Duration;

/**
 * Batched ingest at a constant rate: each request is an NDJSON body of {@code pulse.batchSize}
 * (default 100) fresh events, {@code pulse.rate} requests per second (default 350, i.e. 35,000
 * events/s: 70 % of the 50,000 events/s throughput target, where the latency bar is set).
 * Fails when more than 0.1 % of requests fail, when any measured request fails, or when the p99
 * exceeds {@code pulse.p99Millis} (default 25).
 *
 * <p>System properties: pulse.baseUrl (default http://127.0.0.1:8081), pulse.apiKey (required),
 * pulse.rate (requests/s), pulse.batchSize, pulse.duration (seconds measured, default 60),
 * pulse.warmUp (seconds at the same rate, not asserted, default 15), pulse.p99Millis,
 * pulse.users / pulse.entities (distinct user and product ids, default 5000 / 1000).
 */
public class IngestBatchSimulation extends Simulation {

  private static final String BASE_URL = SimulationProperties.string("baseUrl", "http://127.0.0.1:8081");
  private static final String API_KEY = SimulationProperties.apiKey();
  private static final int BATCH = SimulationProperties.integer("batchSize", 100);
  private static final double RATE = SimulationProperties.decimal("rate", 350);
  private static final Duration DURATION = SimulationProperties.seconds("duration", 60);
  private static final Duration WARM_UP = SimulationProperties.seconds("warmUp", 15);
  private static final int P99_MILLIS = SimulationProperties.integer("p99Millis", 25);

  private final EventFactory events =
      new EventFactory(SimulationProperties.integer("users", 5000), SimulationProperties.integer("entities", 1000));

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .header("X-Api-Key", API_KEY)
      .contentTypeHeader("application/x-ndjson")
      .acceptHeader("application/json")
      .shareConnections();

  private ScenarioBuilder batches(String name) {
    return scenario(name).exec(
        http(name).post("/v1/events")
            .body(ByteArrayBody(session -> events.ndjson(BATCH, System.currentTimeMillis())))
            .check(status().is(202), jsonPath("$.accepted").ofInt().is(BATCH)));
  }

  {
    System.out.printf("IngestBatchSimulation: %s, %.0f requests/s x %d events = %,.0f events/s for %s (+%s warm-up)%n",
        BASE_URL, RATE, BATCH, RATE * BATCH, DURATION, WARM_UP);
    setUp(
        batches("warm-up batch").injectOpen(constantUsersPerSec(RATE).during(WARM_UP)).andThen(
            batches("ndjson batch").injectOpen(constantUsersPerSec(RATE).during(DURATION))))
        .protocols(protocol)
        .assertions(
            global().failedRequests().percent().lte(0.1),
            details("ndjson batch").failedRequests().count().is(0L),
            details("ndjson batch").responseTime().percentile(99.0).lte(P99_MILLIS));
  }
}
