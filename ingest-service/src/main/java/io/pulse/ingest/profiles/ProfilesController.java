package io.pulse.ingest.profiles;

import io.pulse.contracts.json.Json;
import io.pulse.contracts.profile.UserProfile;
import io.pulse.contracts.topic.Topics;
import io.pulse.ingest.auth.ApiKeyHeader;
import io.pulse.ingest.kafka.KafkaPublisher;
import io.pulse.ingest.limits.KeyRateLimiter;
import io.pulse.ingest.metrics.IngestMetrics;
import io.pulse.ingest.web.Accepted;
import io.pulse.ingest.web.ContentTypes;
import io.pulse.ingest.web.RequestBodyReader;
import java.io.InputStream;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /v1/users/{userId}}: the user's latest profile, published to the compacted
 * user-profiles topic keyed by userId (the aggregator's KTable). 202 once Kafka acknowledged it.
 */
@RestController
class ProfilesController {

  private final RequestBodyReader bodyReader;
  private final KeyRateLimiter rateLimiter;
  private final KafkaPublisher publisher;
  private final IngestMetrics metrics;

  ProfilesController(RequestBodyReader bodyReader, KeyRateLimiter rateLimiter, KafkaPublisher publisher,
      IngestMetrics metrics) {
    this.bodyReader = bodyReader;
    this.rateLimiter = rateLimiter;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  @PutMapping("/v1/users/{userId}")
  ResponseEntity<Accepted> put(@PathVariable String userId, @RequestHeader HttpHeaders headers, InputStream body) {
    String key = ProfileRequests.validUserId(userId);
    ContentTypes.require(headers.getFirst(HttpHeaders.CONTENT_TYPE), List.of(MediaType.APPLICATION_JSON));
    UserProfile profile = ProfileRequests.profileOf(bodyReader.read(headers, body));
    rateLimiter.acquire(headers.getFirst(ApiKeyHeader.NAME), 1);
    publisher.publishAll(List.of(
        new ProducerRecord<>(Topics.USER_PROFILES.name(), key, Json.MAPPER.writeValueAsBytes(profile))));
    metrics.acceptedProfile();
    return ResponseEntity.accepted().body(new Accepted(1));
  }
}
