package io.pulse.aggregator.topology;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stream time of one aggregation in one task: the largest event time it has seen, advanced by
 * every event and, while the stream is idle, by the wall clock. Kept in a logged store (written once per commit) so
 * a restarted task resumes with the same watermark.
 */
final class StreamClock {

  static final long UNKNOWN = Long.MIN_VALUE;

  private final KeyValueStore<String, Long> store;
  private final String key;
  private long cached = UNKNOWN;

  StreamClock(KeyValueStore<String, Long> store, String key) {
    this.store = store;
    this.key = key;
    Long time = store.get(key);
    this.cached = time == null ? UNKNOWN : time;
  }

  long streamTime() {
    return cached;
  }

  /** Moves stream time forward to {@code time}; never backwards. Returns the new stream time. */
  long advanceTo(long time) {
    if (time > cached) {
      cached = time;
      store.put(key, time);
    }
    return cached;
  }
}
