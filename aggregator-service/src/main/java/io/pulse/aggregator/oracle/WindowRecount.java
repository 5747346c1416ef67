package io.pulse.aggregator.oracle;

import io.pulse.aggregator.oracle.RecountQueries.RawEvent;
import io.pulse.aggregator.oracle.RecountQueries.Recount;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expected windows of a hopping, sliding or session aggregation, recomputed from its raw events
 * by the textbook definitions, independently of the topology's slots:
 * <ul>
 *   <li>hopping: every window [s, s + size) with s a multiple of the advance that holds the event;</li>
 *   <li>sliding: one window [t - size, t] per distinct event time t of a group, both ends included;</li>
 *   <li>session: a group's events split where two consecutive ones are more than the gap apart.</li>
 * </ul>
 * Only windows starting in [lo, hi) are returned; the events must cover them whole.
 * <p>A late event is left out of the windows it was late for, as the topology leaves it out: of a
 * tumbling or hopping window that closed at or before the watermark recorded with it (a hopping
 * event can be late for its older windows and on time for its younger ones), and of every sliding
 * and session window, whose late rule is per event: a sliding event whose own window is final, or a
 * session event behind the watermark, is counted in no window (nor does it open or bridge one).
 */
final class WindowRecount {

  private WindowRecount() {}

  /** How far around [lo, hi) the raw events must reach for the windows starting in it to be whole. */
  static long[] eventRange(WindowSpec window, long lo, long hi) {
    return switch (window.type()) {
      case TUMBLING -> new long[] {lo, hi + window.size().toMillis()};
      case HOPPING, SLIDING -> new long[] {lo, hi + window.size().toMillis() + 1};
      // a session starting in [lo, hi) can run on for long: an hour either side bounds the check
      case SESSION -> new long[] {lo - SESSION_REACH, hi + SESSION_REACH};
    };
  }

  private static final long SESSION_REACH = 3_600_000;

  /** When a window becomes final: the watermark at which no on-time event can change it any more. */
  static long closesAt(WindowSpec window, long end) {
    return switch (window.type()) {
      case TUMBLING, HOPPING -> end;
      case SLIDING -> end + window.size().toMillis() + 1;
      case SESSION -> end + window.gap().toMillis() + 1;
    };
  }

  static Map<WindowKey, Recount> of(WindowSpec window, List<RawEvent> allEvents, long lo, long hi) {
    List<RawEvent> events = switch (window.type()) {
      case TUMBLING, HOPPING -> allEvents;
      case SLIDING, SESSION -> allEvents.stream().filter(event -> event.lateThroughMs() == null).toList();
    };
    Map<WindowKey, Accumulator> windows = new LinkedHashMap<>();
    switch (window.type()) {
      case TUMBLING -> {
        long size = window.size().toMillis();
        for (RawEvent event : events) {
          long start = event.timeMs() - Math.floorMod(event.timeMs(), size);
          if (!event.lateFor(closesAt(window, start + size))) {
            add(windows, event, start, start + size, lo, hi);
          }
        }
      }
      case HOPPING -> {
        long size = window.size().toMillis();
        long advance = window.advance().toMillis();
        for (RawEvent event : events) {
          for (long start = event.timeMs() - Math.floorMod(event.timeMs(), advance); start > event.timeMs() - size;
              start -= advance) {
            if (!event.lateFor(closesAt(window, start + size))) {
              add(windows, event, start, start + size, lo, hi);
            }
          }
        }
      }
      case SLIDING -> {
        long size = window.size().toMillis();
        for (List<RawEvent> group : byGroup(events).values()) {
          Set<Long> ends = new HashSet<>();
          for (RawEvent end : group) {
            if (ends.add(end.timeMs())) {
              for (RawEvent event : group) {
                if (event.timeMs() >= end.timeMs() - size && event.timeMs() <= end.timeMs()) {
                  add(windows, event, end.timeMs() - size, end.timeMs(), lo, hi);
                }
              }
            }
          }
        }
      }
      case SESSION -> {
        long gap = window.gap().toMillis();
        for (List<RawEvent> group : byGroup(events).values()) {
          List<RawEvent> session = new ArrayList<>();
          for (RawEvent event : group) {
            if (!session.isEmpty() && event.timeMs() - session.getLast().timeMs() > gap) {
              addSession(windows, session, lo, hi);
              session = new ArrayList<>();
            }
            session.add(event);
          }
          addSession(windows, session, lo, hi);
        }
      }
    }
    Map<WindowKey, Recount> recounts = new HashMap<>();
    windows.forEach((key, acc) -> recounts.put(key, new Recount(acc.end, acc.events, acc.sum, acc.users.size(),
        acc.valued == 0 ? 0 : acc.sum / acc.valued, acc.valued == 0 ? 0 : acc.min, acc.valued == 0 ? 0 : acc.max,
        acc.values.stream().mapToDouble(Double::doubleValue).toArray())));
    return recounts;
  }

  private static Map<WindowKey, List<RawEvent>> byGroup(List<RawEvent> events) {
    Map<WindowKey, List<RawEvent>> groups = new LinkedHashMap<>();
    for (RawEvent event : events) { // in time order, and so is each group's list
      groups.computeIfAbsent(event.group(), g -> new ArrayList<>()).add(event);
    }
    return groups;
  }

  private static void addSession(Map<WindowKey, Accumulator> windows, List<RawEvent> session, long lo, long hi) {
    if (!session.isEmpty()) {
      for (RawEvent event : session) {
        add(windows, event, session.getFirst().timeMs(), session.getLast().timeMs(), lo, hi);
      }
    }
  }

  private static void add(Map<WindowKey, Accumulator> windows, RawEvent event, long start, long end, long lo, long hi) {
    if (start < lo || start >= hi) {
      return;
    }
    WindowKey group = event.group();
    WindowKey key = new WindowKey(start, group.groupKey(), group.type(), group.country(), group.plan());
    Accumulator acc = windows.computeIfAbsent(key, k -> new Accumulator(end));
    acc.events++;
    acc.users.add(event.user());
    if (event.value() != null) {
      acc.valued++;
      acc.sum += event.value();
      acc.min = Math.min(acc.min, event.value());
      acc.max = Math.max(acc.max, event.value());
      acc.values.add(event.value());
    }
  }

  private static final class Accumulator {
    final long end;
    long events;
    long valued;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final Set<String> users = new HashSet<>();
    final List<Double> values = new ArrayList<>();

    Accumulator(long end) {
      this.end = end;
    }
  }
}
