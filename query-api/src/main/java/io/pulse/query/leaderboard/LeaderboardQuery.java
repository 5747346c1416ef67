package io.pulse.query.leaderboard;

import java.time.Instant;
import java.util.Map;

/**
 * A validated leaderboard request; equal requests share one read and one SSE poller.
 *
 * @param aggregation  an allow-listed aggregation name
 * @param selection    which window, or which range of windows
 * @param limit        how many entries
 * @param facetFilters equality filters on facet columns the aggregation is split by
 */
public record LeaderboardQuery(String aggregation, WindowSelection selection, int limit, Map<String, String> facetFilters) {

  public LeaderboardQuery {
    facetFilters = Map.copyOf(facetFilters);
  }

  /**
   * The newest window (provisional), the newest closed one, the one starting at {@code start}, or the
   * windows of a {@code range} combined.
   */
  public record WindowSelection(Mode mode, Instant start, BoardRange range) {

    public enum Mode { CURRENT, CLOSED, AT, RANGE }

    static final WindowSelection CURRENT = new WindowSelection(Mode.CURRENT, null);
    static final WindowSelection CLOSED = new WindowSelection(Mode.CLOSED, null);

    /** One window: the newest, the newest closed, or the one starting at {@code start} (AT). */
    public WindowSelection(Mode mode, Instant start) {
      this(mode, start, null);
    }

    static WindowSelection of(BoardRange range) {
      return new WindowSelection(Mode.RANGE, null, range);
    }

    String label() {
      return mode.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
