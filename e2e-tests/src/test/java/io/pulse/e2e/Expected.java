package io.pulse.e2e;

import io.pulse.contracts.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Window values computed the slow, obvious way, independent of Kafka Streams. */
final class Expected {

  private Expected() {}

  static String key(long startMs, long endMs, String group) {
    return Instant.ofEpochMilli(startMs) + ".." + Instant.ofEpochMilli(endMs) + " " + group;
  }

  static Map<String, Long> tumbling(List<Event> events, Duration size, Function<Event, String> group) {
    return hopping(events, size, size, group);
  }

  static Map<String, Long> hopping(List<Event> events, Duration size, Duration advance) {
    return hopping(events, size, advance, Event::entityId);
  }

  /** Every window [start, start + size) with start a multiple of advance that contains the event. */
  static Map<String, Long> hopping(List<Event> events, Duration size, Duration advance, Function<Event, String> group) {
    Map<String, Long> counts = new HashMap<>();
    long sizeMs = size.toMillis();
    long advanceMs = advance.toMillis();
    for (Event event : events) {
      long t = event.timestamp().toEpochMilli();
      for (long start = t - Math.floorMod(t, advanceMs); start > t - sizeMs; start -= advanceMs) {
        counts.merge(key(start, start + sizeMs, group.apply(event)), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** Per user: sorted event times, a new session wherever two neighbours are more than gap apart. */
  static Map<String, Long> sessions(List<Event> events, Duration gap) {
    Map<String, List<Long>> times = new HashMap<>();
    events.forEach(e -> times.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e.timestamp().toEpochMilli()));
    Map<String, Long> counts = new HashMap<>();
    times.forEach((user, list) -> {
      list.sort(Comparator.naturalOrder());
      long start = list.get(0);
      long end = start;
      long count = 0;
      for (long t : list) {
        if (t - end > gap.toMillis()) {
          counts.put(key(start, end, user), count);
          start = t;
          count = 0;
        }
        end = t;
        count++;
      }
      counts.put(key(start, end, user), count);
    });
    return counts;
  }
}
