package io.pulse.demo;

import io.pulse.demo.TrafficModel.Kind;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What the generator has had accepted so far, by kind; a consistent copy with {@link #snapshot()}. */
public final class DemoStats {

  /**
   * @param events          distinct new events ingest accepted (202), sign-ups included, retries not
   * @param outOfOrder      of those, delivered out of order inside every grace period
   * @param late            of those, delivered after their window's grace period had passed (for some aggregations)
   * @param duplicates      events accepted a second time (the same eventId): dedup must drop them
   * @param profiles        profile updates accepted (first profiles and changes)
   * @param refused         malformed events ingest refused with 400 (none of them reaches Kafka)
   * @param poison          malformed records written straight to the events topic (the dead-letter topic's)
   * @param retries         requests sent again after a 429, a 503 or a lost connection
   * @param lastEventTime   the event time the generator has reached
   */
  public record Snapshot(long events, long outOfOrder, long late, long duplicates, long profiles, long refused, long poison,
      long retries, Instant lastEventTime) {

    @Override
    public String toString() {
      return "events=%d (out-of-order %d, late %d) duplicates=%d profiles=%d malformed: refused=%d poison=%d retries=%d"
          .formatted(events, outOfOrder, late, duplicates, profiles, refused, poison, retries);
    }
  }

  private final AtomicLong events = new AtomicLong();
  private final AtomicLong outOfOrder = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong profiles = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong poison = new AtomicLong();
  private final AtomicLong lastEventTime = new AtomicLong();

  synchronized void accepted(Kind kind) {
    switch (kind) {
      case DUPLICATE -> duplicates.incrementAndGet();
      case OUT_OF_ORDER -> {
        events.incrementAndGet();
        outOfOrder.incrementAndGet();
      }
      case LATE -> {
        events.incrementAndGet();
        late.incrementAndGet();
      }
      case IN_ORDER -> events.incrementAndGet();
    }
  }

  void profiles(int count) {
    profiles.addAndGet(count);
  }

  void refused() {
    refused.incrementAndGet();
  }

  void poison() {
    poison.incrementAndGet();
  }

  void reached(long eventTime) {
    lastEventTime.set(eventTime);
  }

  synchronized Snapshot snapshot(long retries) {
    return new Snapshot(events.get(), outOfOrder.get(), late.get(), duplicates.get(), profiles.get(), refused.get(),
        poison.get(), retries, Instant.ofEpochMilli(lastEventTime.get()));
  }
}
