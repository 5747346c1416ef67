package io.pulse.aggregator.topology;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stream time of one aggregation (or, for a pre-aggregated dimension, of one source partition)
 * in one task: the largest event time it has seen, advanced by every event and, while the stream is
 * idle, by the wall clock. Kept in a logged store so a restarted task resumes with the same
 * watermark: written at each commit (the store's flush), not with each event that moves it.
 */
final class StreamClock {

  static final long UNKNOWN = Long.MIN_VALUE;

  private final KeyValueStore<String, Long> store;
  private final String key;
  private long cached = UNKNOWN;
  /** Wall-clock time of the last event observed, and of the last tick. */
  private long lastEventAt = Long.MIN_VALUE;
  private long lastTick = Long.MIN_VALUE;

  StreamClock(KeyValueStore<String, Long> store, String key) {
    this.store = store;
    this.key = key;
    Long time = store.get(key);
    this.cached = time == null ? UNKNOWN : time;
    WriteOnCommitStore.beforeEachFlush(store, key, this::persist);
  }

  /**
   * At every flush, moved or not: after an aborted transaction the store beneath may hold an older
   * time than this field, so "unchanged since the last put" would not mean "written". One record per
   * clock and commit, as when it moved.
   */
  private void persist() {
    if (cached != UNKNOWN) {
      store.put(key, cached);
    }
  }

  long streamTime() {
    return cached;
  }

  /** An event at {@code now} (wall clock): moves stream time forward to its time. Returns the new stream time. */
  long observe(long eventTime, long now) {
    lastEventAt = now;
    return advanceTo(eventTime);
  }

  /**
   * Stream time at a tick. It moves only with events; once no event has come for {@code idleTimeout},
   * it follows the wall clock, so a quiet stream still closes its windows. Idle means no events, not
   * no newer event times: while a backlog of older events is worked off, stream time must not run
   * ahead of them (it would make them late). With {@code startWhenIdle}, a clock that never saw an
   * event starts at the wall clock once idle (a source partition without events must not hold back
   * the windows of the others).
   */
  long tick(long now, long idleTimeout, boolean startWhenIdle) {
    if (lastTick == Long.MIN_VALUE || lastEventAt == Long.MIN_VALUE) {
      lastEventAt = Math.max(lastEventAt, now); // a (re)started task waits a full timeout before it calls the stream idle
    }
    boolean idle = idleAt(now, idleTimeout);
    if (cached != UNKNOWN && idle) {
      advanceTo(cached + (now - lastTick));
    } else if (cached == UNKNOWN && idle && startWhenIdle) {
      advanceTo(now);
    }
    lastTick = now;
    return cached;
  }

  /** No event for {@code idleTimeout} (wall clock). */
  boolean idleAt(long now, long idleTimeout) {
    return now - lastEventAt >= idleTimeout;
  }

  /** Moves stream time forward to {@code time}; never backwards. Returns the new stream time. */
  private long advanceTo(long time) {
    if (time > cached) {
      cached = time;
    }
    return cached;
  }
}
