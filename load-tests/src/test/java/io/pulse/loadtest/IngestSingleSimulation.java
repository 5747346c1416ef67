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
 * Single-event ingest at a constant rate: each request is one JSON event object, {@code pulse.rate}
 * requests (= events) per second, default 1000. This is the per-request cost path (auth, parsing,
 * one Kafka acknowledgement per request); batches are far cheaper per event, see
 * {@link IngestBatchSimulation}. Fails when more than 0.1 % of requests fail, when any measured
 * request fails, or when the p99 exceeds {@code pulse.p99Millis} (default 25).
 *
 * <p>System properties: pulse.baseUrl (default http://127.0.0.1:8081), pulse.apiKey (required),
 * pulse.rate, pulse.duration (default 60), pulse.warmUp (default 15), pulse.p99Millis,
 * pulse.users / pulse.entities.
 */
public class IngestSingleSimulation extends Simulation {

  private static final String BASE_URL = SimulationProperties.string("baseUrl", "http://127.0.0.1:8081");
  private static final String API_KEY = SimulationProperties.apiKey();
  private static final double RATE = SimulationProperties.decimal("rate", 1000);
  private static final Duration DURATION = SimulationProperties.seconds("duration", 60);
  private static final Duration WARM_UP = SimulationProperties.seconds("warmUp", 15);
  private static final int P99_MILLIS = SimulationProperties.integer("p99Millis", 25);

  private final EventFactory events =
      new EventFactory(SimulationProperties.integer("users", 5000), SimulationProperties.integer("entities", 1000));

  private final HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .header("X-Api-Key", API_KEY)
      .contentTypeHeader("application/json")
      .acceptHeader("application/json")
      .shareConnections();

  private ScenarioBuilder singles(String name) {
    return scenario(name).exec(
        http(name).post("/v1/events")
            .body(ByteArrayBody(session -> events.single(System.currentTimeMillis())))
            .check(status().is(202), jsonPath("$.accepted").ofInt().is(1)));
  }

  {
    System.out.printf("IngestSingleSimulation: %s, %.0f events/s, one per request, for %s (+%s warm-up)%n",
        BASE_URL, RATE, DURATION, WARM_UP);
    setUp(
        singles("warm-up event").injectOpen(constantUsersPerSec(RATE).during(WARM_UP)).andThen(
            singles("single event").injectOpen(constantUsersPerSec(RATE).during(DURATION))))
        .protocols(protocol)
        .assertions(
            global().failedRequests().percent().lte(0.1),
            details("single event").failedRequests().count().is(0L),
            details("single event").responseTime().percentile(99.0).lte(P99_MILLIS));
  }
}
