package io.pulse.aggregator.topology;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stream time of one aggregation's task, shared by its watermark gate (which advances it with
 * every event) and its window finalizer (which advances it with the wall clock while the stream is
 * idle). Kept in a logged store so a restarted task resumes with the same watermark.
 */
final class StreamClock {

  private static final String KEY = "stream-time";
  static final long UNKNOWN = Long.MIN_VALUE;

  private final KeyValueStore<String, Long> store;

  StreamClock(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  long streamTime() {
    Long time = store.get(KEY);
    return time == null ? UNKNOWN : time;
  }

  /** Moves stream time forward to {@code time}; never backwards. Returns the new stream time. */
  long advanceTo(long time) {
    long current = streamTime();
    if (time > current) {
      store.put(KEY, time);
      return time;
    }
    return current;
  }
}
