package io.pulse.aggregator.oracle;

import java.time.Instant;

/**
 * A (window, key) whose stored result differs from the recount of the raw events.
 *
 * @param expectedEvents distinct eventIds in the raw table for this window and key (late ones excluded)
 * @param countedEvents  event count of the newest revision in window_aggregates (0 when there is no row)
 * @param expectedValue  the measure recomputed from the raw events
 * @param storedValue    the measure of the newest revision
 * @param isFinal        whether the newest revision is the final one
 */
public record Difference(Instant windowStart, Instant windowEnd, String key, String type, String country, String plan,
    long expectedEvents, long countedEvents, double expectedValue, double storedValue, boolean isFinal) {}
