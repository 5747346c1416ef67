package io.pulse.contracts.aggregation;

import java.time.Instant;

/** An event that missed its window: which aggregation dropped it, and why. */
public record LateEvent(
    String aggregation, String eventId, Instant eventTime, Instant windowEnd, Instant streamTime, String reason) {}
