package io.pulse.ingest.events;

import io.pulse.contracts.event.Event;
import io.pulse.contracts.event.EventJson;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.auth.ApiKeyHeader;
import io.pulse.ingest.kafka.KafkaPublisher;
import io.pulse.ingest.limits.KeyRateLimiter;
import io.pulse.ingest.metrics.IngestMetrics;
import io.pulse.ingest.warmup.WarmUpRoute;
import io.pulse.ingest.web.Accepted;
import io.pulse.ingest.web.RequestBodyReader;
import io.pulse.ingest.web.Validated;
import java.io.InputStream;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one event, a JSON array of events, or NDJSON. Answers 202 only once Kafka
 * has acknowledged every event of the batch; any refusal is a problem and sends nothing.
 */
@RestController
class EventsController {

  private final RequestBodyReader bodyReader;
  private final EventBatchParser parser;
  private final KeyRateLimiter rateLimiter;
  private final KafkaPublisher publisher;
  private final IngestMetrics metrics;
  private final WarmUpRoute warmUpRoute;

  EventsController(RequestBodyReader bodyReader, EventBatchParser parser, KeyRateLimiter rateLimiter,
      KafkaPublisher publisher, IngestMetrics metrics, WarmUpRoute warmUpRoute) {
    this.bodyReader = bodyReader;
    this.parser = parser;
    this.rateLimiter = rateLimiter;
    this.publisher = publisher;
    this.metrics = metrics;
    this.warmUpRoute = warmUpRoute;
  }

  @PostMapping("/v1/events")
  ResponseEntity<Accepted> post(@RequestHeader HttpHeaders headers, InputStream body) {
    List<Event> events = validEvents(headers, body);
    // Only valid batches are charged: the limit is on what reaches Kafka, refusals cost nothing.
    rateLimiter.acquire(headers.getFirst(ApiKeyHeader.NAME), events.size());
    String topic = warmUpRoute.topicFor(headers);
    publisher.publishAll(events.stream().map(event -> toRecord(topic, event)).toList());
    if (topic.equals(Topics.EVENTS.name())) {
      metrics.acceptedEvents(events.size()); // the start-up warm-up's batches are not traffic
    }
    return ResponseEntity.accepted().body(new Accepted(events.size()));
  }

  /**
   * {@code POST /v1/events/validate}: the same checks as {@code POST /v1/events} (the same problems
   * for a bad batch), nothing sent and no rate charged; 200 with the count and the bytes the events
   * would take on the events topic. For clients checking their payloads, and the start-up warm-up.
   */
  @PostMapping("/v1/events/validate")
  Validated validate(@RequestHeader HttpHeaders headers, InputStream body) {
    List<Event> events = validEvents(headers, body);
    return new Validated(events.size(), events.stream().mapToLong(event -> EventJson.write(event).length).sum());
  }

  /** The body's events, all valid, or the problem of the first one that is not: both endpoints check alike. */
  private List<Event> validEvents(HttpHeaders headers, InputStream body) {
    return parser.parse(bodyReader.read(headers, body), BatchFormat.of(headers.getFirst(HttpHeaders.CONTENT_TYPE)));
  }

  /** Keyed by user so one user's events stay in order on one partition (and co-partitioned with profiles). */
  private static ProducerRecord<String, byte[]> toRecord(String topic, Event event) {
    return new ProducerRecord<>(topic, event.userId(), EventJson.write(event));
  }
}
