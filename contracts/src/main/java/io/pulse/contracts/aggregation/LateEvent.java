package io.pulse.contracts.aggregation;

import java.time.Instant;

/**
 * An event that arrived after the windows it belongs to had closed for one aggregation: its event
 * time was behind that aggregation's watermark (stream time minus grace). It is not counted there;
 * it is recorded here so nothing disappears silently.
 */
public record LateEvent(String aggregation, String eventId, Instant eventTime, Instant watermark, String reason) {}
