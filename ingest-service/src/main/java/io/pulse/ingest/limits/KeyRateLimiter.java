package io.pulse.ingest.limits;

import io.pulse.ingest.config.IngestProperties;
import io.pulse.ingest.web.Problems;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket of events per API key: a key may send {@code burst} events at once and
 * {@code rate} per second after that. Only keys that passed authentication get here, so the map
 * holds at most one bucket per configured key. A refusal says how long until the batch would fit.
 */
@Component
public class KeyRateLimiter {

  private final double rate;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public KeyRateLimiter(IngestProperties properties) {
    this.rate = properties.limits().eventsPerSecondPerKey();
    this.burst = properties.limits().burstEventsPerKey();
  }

  /** Takes {@code events} tokens from the key's bucket or throws a 429 rate-limited problem. */
  public void acquire(String apiKey, int events) {
    if (rate <= 0) {
      return;
    }
    Duration wait = buckets.computeIfAbsent(apiKey, key -> new Bucket(burst, System.nanoTime())).take(events, rate, burst);
    if (!wait.isZero()) {
      throw Problems.rateLimited(events, wait);
    }
  }

  private static final class Bucket {

    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    /** Zero when taken; otherwise how long until the bucket holds {@code events} tokens. */
    synchronized Duration take(int events, double rate, double burst) {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * rate);
      refilledAt = now;
      if (tokens >= events) {
        tokens -= events;
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil((events - tokens) / rate * 1e9));
    }
  }
}
