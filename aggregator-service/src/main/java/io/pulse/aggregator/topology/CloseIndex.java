package io.pulse.aggregator.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Per group (store key), the earliest watermark at which it has something to close or purge: a tick visits only the groups due. */
final class CloseIndex {

  private final Map<String, Long> nextClose = new HashMap<>();
  private final TreeMap<Long, Set<String>> byClose = new TreeMap<>();

  long get(String key) {
    return nextClose.getOrDefault(key, Long.MAX_VALUE);
  }

  void put(String key, long closesAt) {
    Long previous = nextClose.put(key, closesAt);
    if (previous != null && previous == closesAt) {
      return;
    }
    if (previous != null) {
      Set<String> keys = byClose.get(previous);
      if (keys != null && keys.remove(key) && keys.isEmpty()) {
        byClose.remove(previous);
      }
    }
    byClose.computeIfAbsent(closesAt, k -> new HashSet<>()).add(key);
  }

  /** Removes and returns the groups due at or before the watermark. */
  List<String> due(long watermark) {
    SortedMap<Long, Set<String>> head = byClose.headMap(watermark, true);
    List<String> keys = new ArrayList<>();
    head.values().forEach(keys::addAll);
    head.clear();
    keys.forEach(nextClose::remove);
    return keys;
  }
}
