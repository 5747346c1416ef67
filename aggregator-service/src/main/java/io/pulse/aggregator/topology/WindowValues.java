package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A window's current value, read from the windowed aggregate's own store. The final row is built
 * from it rather than from a copy kept per event: the store is the one source that is always up
 * to date, also right after a restart (it is restored with the input offsets it belongs to).
 */
@FunctionalInterface
interface WindowValues {

  /**
   * The value of the window, or null when it no longer exists: a session merged into another, or
   * one a crash left behind inside the session that replaced it ({@link SessionAggregator}).
   */
  WindowAccumulator current(String key, long start, long end);

  static WindowValues of(ProcessorContext<?, ?> context, AggregationDefinition definition) {
    String store = Windowing.storeName(definition);
    if (definition.window().type() == WindowType.SESSION) {
      SessionStore<String, WindowAccumulator> sessions = context.getStateStore(store);
      return (key, start, end) -> {
        WindowAccumulator value = sessions.fetchSession(key, start, end);
        return value == null || isLeftover(sessions, new Windowed<>(key, new SessionWindow(start, end))) ? null : value;
      };
    }
    TimestampedWindowStore<String, WindowAccumulator> windows = context.getStateStore(store);
    return (key, start, end) -> {
      ValueAndTimestamp<WindowAccumulator> value = windows.fetch(key, start);
      return value == null ? null : value.value();
    };
  }

  private static boolean isLeftover(SessionStore<String, WindowAccumulator> sessions, Windowed<String> session) {
    try (KeyValueIterator<Windowed<String>, WindowAccumulator> overlapping =
        sessions.findSessions(session.key(), session.window().start(), session.window().end())) {
      while (overlapping.hasNext()) {
        if (SessionAggregator.contains(overlapping.next().key, session)) {
          return true;
        }
      }
      return false;
    }
  }
}
