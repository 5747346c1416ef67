package io.pulse.aggregator.topology;

/** A window that may still change: its latest value and whether a provisional row left already. */
record OpenWindow(String key, long start, long end, WindowAccumulator acc, boolean emitted) {

  String id() {
    return id(key, start, end);
  }

  static String id(String key, long start, long end) {
    return key + "@" + start + "@" + end;
  }
}
