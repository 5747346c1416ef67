package io.pulse.query.leaderboard;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.status.AggregationStatus;
import io.pulse.query.status.AggregationStatusService;
import io.pulse.query.window.WindowLocator;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;

/**
 * Resolves which window (or range of windows) a query means and reads its board; shared by REST and the SSE
 * pollers. A relative range ({@code last}) is resolved against the clock at each read.
 * Identical requests share one read: concurrent ones always, later ones for {@code board-ttl}. A
 * dashboard's viewers all ask for the same few boards, which change at most once per emit
 * interval of the aggregator (250 ms); without sharing, each viewer costs ClickHouse a full read
 * (the benchmark's 50 requests/s kept it busier than the aggregations it serves).
 *
 * <p>The cache holds futures, and a board is read by the first caller outside the cache's own map: a
 * loading cache reads inside the map's lock, so one slow read (a range board over a week takes ~0.3 s)
 * held up other boards whose entries expired meanwhile (the shared last=1h board's p99 went from ~20 ms
 * to ~200 ms beside one week-long read every 5 s). Once {@code board-ttl} has passed, the shared answer is
 * still served while one fresh read runs in the background ({@code board-stale-for} at most): a viewer of a
 * watched board never waits for ClickHouse, which on a loaded machine takes 100-300 ms now and then.
 */
@Service
public class LeaderboardService {

  private final AggregationCatalog catalog;
  private final WindowLocator locator;
  private final LeaderboardRepository repository;
  private final SketchBoards sketchBoards;
  private final RangeBoardReader rangeBoards;
  private final AggregationStatusService statuses;
  private final Clock clock;
  private final AsyncLoadingCache<LeaderboardQuery, Leaderboard> shared;
  /** Background re-reads of shared boards: each blocks on ClickHouse, so a thread each, and cheap ones. */
  private final ExecutorService refreshes = Executors.newVirtualThreadPerTaskExecutor();

  LeaderboardService(AggregationCatalog catalog, WindowLocator locator, LeaderboardRepository repository,
      SketchBoards sketchBoards, RangeBoardReader rangeBoards, AggregationStatusService statuses, QueryProperties properties,
      MeterRegistry registry, Clock clock) {
    this.catalog = catalog;
    this.locator = locator;
    this.repository = repository;
    this.sketchBoards = sketchBoards;
    this.rangeBoards = rangeBoards;
    this.statuses = statuses;
    this.clock = clock;
    Caffeine<Object, Object> boards = Caffeine.newBuilder().maximumSize(10_000).recordStats();
    if (properties.boardTtl().isPositive()) {
      boards.refreshAfterWrite(properties.boardTtl())
          .expireAfterWrite(properties.boardTtl().plus(properties.boardStaleFor()))
          .executor(refreshes);
    } else {
      boards.expireAfterWrite(Duration.ZERO);
    }
    // The loader only refreshes: a first read happens in board(), by the caller.
    this.shared = boards.buildAsync((query, executor) -> CompletableFuture.supplyAsync(() -> read(query), executor));
    CaffeineCacheMetrics.monitor(registry, shared.synchronous(), "leaderboards");
  }

  @PreDestroy
  void stopRefreshes() {
    refreshes.close();
  }

  /** The board for {@code query}; unknown aggregations fail with the catalog's exception (never cached). */
  public Leaderboard board(LeaderboardQuery query) {
    CompletableFuture<Leaderboard> mine = new CompletableFuture<>();
    CompletableFuture<Leaderboard> board = shared.get(query, (key, executor) -> mine);
    if (board == mine) {
      try {
        mine.complete(read(query));
      } catch (Throwable e) {
        mine.completeExceptionally(e); // the cache drops a failed future: the next request reads again
      }
    }
    try {
      return board.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause; // as thrown by the read, so the problem handlers see its own type
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private Leaderboard read(LeaderboardQuery query) {
    AggregationDefinition definition = catalog.require(query.aggregation());
    Leaderboard board = read(query, definition);
    if (!definition.measure().sketched()) {
      return board;
    }
    List<Leaderboard.Entry> entries = query.selection().mode() == LeaderboardQuery.WindowSelection.Mode.RANGE
        ? board.entries() // a range's entries come with their percentiles (SketchBoards#rangeTop)
        : sketchBoards.withPercentiles(definition, board.entries());
    return board.sketched(definition.measure().relativeError(), entries);
  }

  private Leaderboard read(LeaderboardQuery query, AggregationDefinition definition) {
    WindowType type = definition.window().type();
    AggregationStatus status = statuses.status(query.aggregation());
    if (query.selection().mode() == LeaderboardQuery.WindowSelection.Mode.RANGE) {
      return rangeBoard(query, definition, status);
    }
    Duration size = definition.window().size();
    long span = type == WindowType.SLIDING && size != null ? size.toMillis() : 0;
    boolean closed = query.selection().mode() == LeaderboardQuery.WindowSelection.Mode.CLOSED;
    if (query.selection().mode() != LeaderboardQuery.WindowSelection.Mode.AT) {
      // The usual case: locate the newest window and rank it in one round trip.
      LeaderboardRepository.Located located = repository.topAtNewest(query.aggregation(), definition.measure(), closed, span,
          definition.grace().toMillis(), query.limit(), query.facetFilters());
      if (!located.entries().isEmpty()) {
        return board(query, type, size, Instant.ofEpochMilli(located.start()), span, located.entries(), status);
      }
    }
    Instant start = switch (query.selection().mode()) {
      case CURRENT -> locator.latestStart(query.aggregation());
      case CLOSED -> locator.latestClosedStart(query.aggregation());
      case AT -> query.selection().start();
      case RANGE -> throw new IllegalStateException("a range is read by rangeBoard");
    };
    String label = query.selection().label();
    if (start == null) {
      return Leaderboard.empty(query.aggregation(), type, label, status);
    }
    // A sliding board shows, per group, its newest window starting within one window size of `start`.
    List<Leaderboard.Entry> entries = repository.top(query.aggregation(), definition.measure(), start.toEpochMilli() - span,
        start.toEpochMilli(), query.limit(), query.facetFilters());
    return board(query, type, size, start, span, entries, status);
  }

  /**
   * A range board: the measure combined over the range's windows. It is final only when every window in
   * it is: the watermark has passed the range's end (so no window of it is open, including windows without
   * rows yet) and no row in it, of any group, is provisional (a provisional group below the top could still
   * climb). Entries are final when the range is closed and all of their rows are final.
   */
  private Leaderboard rangeBoard(LeaderboardQuery query, AggregationDefinition definition, AggregationStatus status) {
    BoardRange.Span span = query.selection().range().span(definition.window().size(), clock.instant());
    boolean closed = status.watermark() != null && status.watermark().toEpochMilli() >= span.endMs();
    // Merged in Java, or closed windows from memory and the rest from ClickHouse; one rule for final (Ranked).
    RangeBoardReader.Ranked ranked = SketchBoards.mergesRanges(definition.measure())
        ? sketchBoards.rangeTop(definition, span, closed, query.limit())
        : rangeBoards.top(definition, span, closed, status.watermark(), query.limit(), query.facetFilters());
    List<Leaderboard.Entry> entries = ranked.entries();
    boolean allFinal = ranked.isFinal();
    boolean amended = entries.stream().anyMatch(Leaderboard.Entry::amended);
    return new Leaderboard(query.aggregation(), WindowType.TUMBLING, query.selection().label(),
        Instant.ofEpochMilli(span.firstStartMs()), Instant.ofEpochMilli(span.endMs()), allFinal, amended, status.watermark(),
        status.lateEvents(), entries);
  }

  private static Leaderboard board(LeaderboardQuery query, WindowType type, Duration size, Instant start, long span,
      List<Leaderboard.Entry> entries, AggregationStatus status) {
    String label = query.selection().label();
    Instant windowStart = start.minusMillis(span);
    Instant windowEnd = size != null
        ? start.plus(size)
        : entries.stream().map(Leaderboard.Entry::windowEnd).max(Instant::compareTo).orElse(null);
    boolean allFinal = !entries.isEmpty() && entries.stream().allMatch(Leaderboard.Entry::isFinal);
    boolean amended = entries.stream().anyMatch(Leaderboard.Entry::amended);
    return new Leaderboard(query.aggregation(), type, label, windowStart, windowEnd, allFinal, amended,
        status.watermark(), status.lateEvents(), entries);
  }
}
