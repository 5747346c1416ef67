package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Measure;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.SessionStore;

/**
 * Session windows, as Kafka Streams' own session aggregation computes them (an event joins every
 * session of its key within the inactivity gap, and they merge), with one difference that matters
 * under at-least-once: the new session is written <em>before</em> the sessions it replaces are
 * removed. Kafka Streams removes first; its store writes are separate changelog records, and a
 * crash that keeps the removal but loses the write loses every event of the old session that was
 * committed before it (even an event landing inside a session rewrites it). In this order a crash
 * can only leave an old session behind, contained in the new one: such a leftover is recognised
 * by that containment (sessions of one key never overlap otherwise), never merged again, removed
 * when met, and never finalized ({@link WindowValues}).
 */
class SessionAggregator implements Processor<String, SourcedEvent, Windowed<String>, WindowAccumulator> {

  private final String storeName;
  private final long gap;
  private final Measure measure;
  private ProcessorContext<Windowed<String>, WindowAccumulator> context;
  private SessionStore<String, WindowAccumulator> sessions;

  SessionAggregator(AggregationDefinition definition) {
    this.storeName = Windowing.storeName(definition);
    this.gap = definition.window().gap().toMillis();
    this.measure = definition.measure();
  }

  @Override
  public void init(ProcessorContext<Windowed<String>, WindowAccumulator> context) {
    this.context = context;
    this.sessions = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, SourcedEvent> record) {
    String key = record.key();
    long time = record.timestamp();
    List<KeyValue<Windowed<String>, WindowAccumulator>> joined = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, WindowAccumulator> near = sessions.findSessions(key, time - gap, time + gap)) {
      near.forEachRemaining(joined::add);
    }
    for (KeyValue<Windowed<String>, WindowAccumulator> leftover : leftovers(joined)) {
      joined.remove(leftover);
      remove(leftover.key, record);
    }

    long start = time;
    long end = time;
    WindowAccumulator value = WindowAccumulator.EMPTY;
    for (KeyValue<Windowed<String>, WindowAccumulator> session : joined) {
      start = Math.min(start, session.key.window().start());
      end = Math.max(end, session.key.window().end());
      value = value.merge(session.value);
    }
    Windowed<String> merged = new Windowed<>(key, new SessionWindow(start, end));
    value = value.add(record.value(), measure);
    sessions.put(merged, value);
    context.forward(record.withKey(merged).withValue(value));
    for (KeyValue<Windowed<String>, WindowAccumulator> session : joined) {
      if (!sameSpan(session.key, merged)) {
        remove(session.key, record);
      }
    }
  }

  private void remove(Windowed<String> session, Record<String, SourcedEvent> cause) {
    sessions.remove(session);
    context.forward(cause.withKey(session).withValue(null));
  }

  /** Sessions that lie within another one of the list: what a crash between write and removal left. */
  private static List<KeyValue<Windowed<String>, WindowAccumulator>> leftovers(List<KeyValue<Windowed<String>, WindowAccumulator>> sessions) {
    List<KeyValue<Windowed<String>, WindowAccumulator>> leftovers = new ArrayList<>();
    for (KeyValue<Windowed<String>, WindowAccumulator> session : sessions) {
      for (KeyValue<Windowed<String>, WindowAccumulator> other : sessions) {
        if (other != session && contains(other.key, session.key)) {
          leftovers.add(session);
          break;
        }
      }
    }
    return leftovers;
  }

  static boolean contains(Windowed<String> outer, Windowed<String> inner) {
    return !sameSpan(outer, inner)
        && outer.window().start() <= inner.window().start() && outer.window().end() >= inner.window().end();
  }

  private static boolean sameSpan(Windowed<String> a, Windowed<String> b) {
    return a.window().start() == b.window().start() && a.window().end() == b.window().end();
  }
}
