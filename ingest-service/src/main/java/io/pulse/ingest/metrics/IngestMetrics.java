package io.pulse.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

/**
 * The service's own meters. Names use Micrometer's dotted form; the Prometheus registry derives
 * {@code pulse_ingest_events_total}, {@code pulse_ingest_requests_total{outcome}},
 * {@code pulse_ingest_rejections_total{reason}}, {@code pulse_ingest_bytes_total} and
 * {@code pulse_ingest_produce_latency_seconds}.
 */
@Component
public class IngestMetrics {

  private final MeterRegistry registry;
  private final Counter events;
  private final Counter bytes;
  private final Counter acceptedRequests;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.events = Counter.builder("pulse.ingest.events")
        .description("Events acknowledged by Kafka and answered with 202")
        .register(registry);
    this.bytes = Counter.builder("pulse.ingest.bytes")
        .description("Request body bytes read on the ingest endpoints")
        .baseUnit("bytes")
        .register(registry);
    this.acceptedRequests = requests("accepted");
  }

  public void acceptedEvents(int eventCount) {
    acceptedRequests.increment();
    events.increment(eventCount);
  }

  public void acceptedProfile() {
    acceptedRequests.increment();
  }

  public void bytesRead(long count) {
    bytes.increment(count);
  }

  /** One refused request: counted by outcome (derived from the status) and by problem code. */
  public void rejected(HttpStatusCode status, String reason) {
    requests(outcome(status)).increment();
    Counter.builder("pulse.ingest.rejections")
        .description("Requests answered with a problem, by problem code")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Time from the first send of a request to the last acknowledgement (or the failure). */
  public void produceLatency(Duration elapsed, boolean success) {
    Timer.builder("pulse.ingest.produce.latency")
        .description("Time from sending a request's records to Kafka acknowledging all of them")
        .tag("outcome", success ? "success" : "failure")
        .publishPercentileHistogram()
        .register(registry)
        .record(elapsed);
  }

  private Counter requests(String outcome) {
    return Counter.builder("pulse.ingest.requests")
        .description("Ingest requests by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static String outcome(HttpStatusCode status) {
    return switch (status.value()) {
      case 401, 403 -> "unauthorized";
      case 429 -> "throttled";
      case 503 -> "unavailable";
      default -> status.is4xxClientError() ? "rejected" : "error";
    };
  }
}
