package io.pulse.aggregator.topology;

/**
 * A window that may still change: its value when it was first seen or first emitted (the latest
 * one lives in the window store, see {@link WindowValues}), whether a provisional row left
 * already, and whether Kafka Streams removed it (a session merged away) since the last emission.
 */
record OpenWindow(String key, long start, long end, WindowAccumulator acc, boolean emitted, boolean removed) {

  OpenWindow withAcc(WindowAccumulator newAcc) {
    return new OpenWindow(key, start, end, newAcc, emitted, false);
  }

  OpenWindow markEmitted() {
    return new OpenWindow(key, start, end, acc, true, removed);
  }

  OpenWindow markRemoved() {
    return new OpenWindow(key, start, end, acc, emitted, true);
  }

  String id() {
    return id(key, start, end);
  }

  static String id(String key, long start, long end) {
    return key + "@" + start + "@" + end;
  }
}
