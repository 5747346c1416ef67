package io.pulse.query.stream;

import io.pulse.query.QueryProperties;
import io.pulse.query.leaderboard.LeaderboardQuery;
import io.pulse.query.leaderboard.LeaderboardService;
import io.pulse.query.web.CapacityExceededException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live leaderboards: one {@link BoardPoller} per distinct query, polling ClickHouse only while
 * it has subscribers, so a thousand viewers of one board cost one read per interval. Open streams
 * and distinct boards are capped; each stream times out and is removed on completion or error.
 */
@Component
class BoardStreams implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(BoardStreams.class);

  private final LeaderboardService leaderboards;
  private final JsonMapper json;
  private final QueryProperties.Stream settings;
  private final Map<LeaderboardQuery, BoardPoller> pollers = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final ScheduledThreadPoolExecutor scheduler;

  BoardStreams(LeaderboardService leaderboards, JsonMapper json, QueryProperties properties) {
    this.leaderboards = leaderboards;
    this.json = json;
    this.settings = properties.stream();
    this.scheduler = new ScheduledThreadPoolExecutor(2, Thread.ofPlatform().name("board-poller-", 0).daemon().factory());
    this.scheduler.setRemoveOnCancelPolicy(true);
    long heartbeat = settings.heartbeat().toMillis();
    scheduler.scheduleWithFixedDelay(guarded("heartbeat", this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
  }

  /** Opens a stream of {@code query}; {@code lastEventId} is what the client already shows, if anything. */
  SseEmitter subscribe(LeaderboardQuery query, String lastEventId) {
    if (open.incrementAndGet() > settings.maxSubscribers()) {
      open.decrementAndGet();
      throw new CapacityExceededException("at most " + settings.maxSubscribers() + " live streams are open at once", 5);
    }
    try {
      SseEmitter emitter = new SseEmitter(settings.emitterTimeout().toMillis());
      BoardPoller.Subscriber subscriber = new BoardPoller.Subscriber(emitter, lastEventId);
      BoardPoller poller = attach(query, subscriber);
      AtomicBoolean left = new AtomicBoolean();
      Runnable leave = () -> {
        if (left.compareAndSet(false, true)) {
          open.decrementAndGet();
          poller.remove(subscriber);
        }
      };
      emitter.onCompletion(leave);
      emitter.onError(error -> leave.run());
      emitter.onTimeout(emitter::complete);
      return emitter;
    } catch (RuntimeException e) {
      open.decrementAndGet();
      throw e;
    }
  }

  int openStreams() {
    return open.get();
  }

  int boards() {
    return pollers.size();
  }

  private BoardPoller attach(LeaderboardQuery query, BoardPoller.Subscriber subscriber) {
    while (true) {
      BoardPoller poller = pollers.get(query);
      if (poller == null) {
        if (pollers.size() >= settings.maxBoards()) {
          throw new CapacityExceededException("at most " + settings.maxBoards() + " distinct live boards are polled at once", 5);
        }
        BoardPoller fresh = new BoardPoller(query, leaderboards::board, json, settings.reconnectDelay().toMillis(), this::closed);
        poller = pollers.putIfAbsent(query, fresh);
        if (poller == null) {
          poller = fresh;
          poller.start(scheduler.scheduleWithFixedDelay(guarded("poll of " + query, fresh::poll), 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS));
        }
      }
      if (poller.add(subscriber)) {
        return poller;
      }
      pollers.remove(query, poller); // stopped between get and add: make a new one
    }
  }

  /** Called once per poller when its last stream left. */
  private void closed(BoardPoller poller) {
    pollers.remove(poller.query(), poller);
  }

  /** A periodic task that throws would never run again: log and carry on instead. */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("Live-stream task failed: {}", what, e);
      }
    };
  }

  private void heartbeat() {
    pollers.values().forEach(BoardPoller::heartbeat);
  }

  @Override
  public void destroy() {
    List.copyOf(pollers.values()).forEach(BoardPoller::closeAll);
    scheduler.shutdownNow();
  }
}
