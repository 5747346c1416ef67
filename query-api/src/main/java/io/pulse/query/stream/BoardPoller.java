package io.pulse.query.stream;

import io.pulse.query.leaderboard.Leaderboard;
import io.pulse.query.leaderboard.LeaderboardQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One board (aggregation + parameters) and the streams watching it. {@link #poll()} re-reads the
 * board and pushes it only when its content changed. The event id is a hash of that content
 * (without the watermark, which moves on every emit), so a client reconnecting with the id of
 * what it already shows gets nothing until the board changes, and any other id gets the current
 * board at once.
 *
 * <p>Locking: membership changes take {@code membership} briefly and never send; sends to one
 * stream are serialised on its {@link Subscriber}, which also drops a state older than the one it
 * already sent (a subscribe racing a poll). Emitter callbacks only ever take {@code membership},
 * so no lock cycle with the emitter's own lock can form.
 */
final class BoardPoller {

  private static final Logger log = LoggerFactory.getLogger(BoardPoller.class);

  private final LeaderboardQuery query;
  private final Function<LeaderboardQuery, Leaderboard> reader;
  private final JsonMapper json;
  private final long reconnectMillis;
  private final Consumer<BoardPoller> onClosed;
  private final Object membership = new Object();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile State state;
  private ScheduledFuture<?> task;
  private boolean closed;
  private boolean failing; // only touched by poll(), which never overlaps itself

  /** A board as sent: {@code version} orders states, {@code id} names the content. */
  private record State(long version, String id, String json) {}

  BoardPoller(LeaderboardQuery query, Function<LeaderboardQuery, Leaderboard> reader, JsonMapper json,
      long reconnectMillis, Consumer<BoardPoller> onClosed) {
    this.query = query;
    this.reader = reader;
    this.json = json;
    this.reconnectMillis = reconnectMillis;
    this.onClosed = onClosed;
  }

  LeaderboardQuery query() {
    return query;
  }

  void start(ScheduledFuture<?> pollTask) {
    synchronized (membership) {
      if (closed) {
        pollTask.cancel(false);
      }
      this.task = pollTask;
    }
  }

  /** Adds a stream; false when this poller already stopped (the caller makes a new one). */
  boolean add(Subscriber subscriber) {
    synchronized (membership) {
      if (closed) {
        return false;
      }
      subscribers.add(subscriber);
    }
    State current = state;
    if (current != null) {
      deliver(subscriber, current);
    }
    return true;
  }

  /** Forgets a stream (idempotent); the last one leaving stops the polling. */
  void remove(Subscriber subscriber) {
    boolean nowClosed = false;
    synchronized (membership) {
      if (subscribers.remove(subscriber) && subscribers.isEmpty() && !closed) {
        closed = true;
        nowClosed = true;
        if (task != null) {
          task.cancel(false);
        }
      }
    }
    if (nowClosed) {
      onClosed.accept(this);
    }
  }

  int size() {
    return subscribers.size();
  }

  /** Reads the board; sends it to every stream that has not seen this content yet. */
  void poll() {
    Leaderboard board;
    try {
      board = reader.apply(query);
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("Reading {} for its live streams failed; retrying every poll", query, e);
      } else {
        log.debug("Reading {} failed again", query, e);
      }
      failing = true;
      return;
    }
    if (failing) {
      log.info("Reading {} works again", query);
      failing = false;
    }
    String id = contentId(board);
    State previous = state;
    if (previous != null && previous.id().equals(id)) {
      return;
    }
    State next = new State(previous == null ? 1 : previous.version() + 1, id, json.writeValueAsString(board));
    state = next;
    for (Subscriber subscriber : subscribers) {
      deliver(subscriber, next);
    }
  }

  /** A comment line: keeps proxies and idle timeouts from closing a quiet stream. */
  void heartbeat() {
    for (Subscriber subscriber : subscribers) {
      synchronized (subscriber) {
        try {
          subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
        } catch (IOException | IllegalStateException e) {
          drop(subscriber, e);
        }
      }
    }
  }

  /** Completes every stream, e.g. on shutdown; clients reconnect (to another instance). */
  void closeAll() {
    for (Subscriber subscriber : List.copyOf(subscribers)) {
      subscriber.emitter.complete();
      remove(subscriber);
    }
  }

  private void deliver(Subscriber subscriber, State current) {
    synchronized (subscriber) {
      if (current.version() <= subscriber.sentVersion) {
        return;
      }
      subscriber.sentVersion = current.version();
      if (current.id().equals(subscriber.lastEventId)) {
        return; // the client already shows this content (it reconnected with this id)
      }
      try {
        subscriber.emitter.send(SseEmitter.event().id(current.id()).name("leaderboard")
            .reconnectTime(reconnectMillis).data(current.json()));
        subscriber.lastEventId = current.id();
      } catch (IOException | IllegalStateException e) {
        drop(subscriber, e);
      }
    }
  }

  /** The client went away (broken pipe) or the emitter already completed: forget the stream. */
  private void drop(Subscriber subscriber, Exception cause) {
    log.debug("Dropping a stream of {}: {}", query, cause.toString());
    subscriber.emitter.complete();
    remove(subscriber);
  }

  private String contentId(Leaderboard board) {
    Leaderboard content = new Leaderboard(board.aggregation(), board.windowType(), board.window(), board.windowStart(),
        board.windowEnd(), board.isFinal(), board.amended(), null, board.lateEvents(), board.entries());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** One open stream, the id of the last board it has, and the version last handed to it. */
  static final class Subscriber {
    final SseEmitter emitter;
    String lastEventId;
    long sentVersion;

    Subscriber(SseEmitter emitter, String lastEventId) {
      this.emitter = emitter;
      this.lastEventId = lastEventId;
    }
  }
}
