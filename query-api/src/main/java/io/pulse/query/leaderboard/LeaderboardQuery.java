package io.pulse.query.leaderboard;

import java.time.Instant;
import java.util.Map;

/**
 * A validated leaderboard request; equal requests share one SSE poller.
 *
 * @param aggregation  an allow-listed aggregation name
 * @param selection    which window
 * @param limit        how many entries
 * @param facetFilters equality filters on facet columns the aggregation is split by
 */
public record LeaderboardQuery(String aggregation, WindowSelection selection, int limit, Map<String, String> facetFilters) {

  public LeaderboardQuery {
    facetFilters = Map.copyOf(facetFilters);
  }

  /** The newest window (provisional), the newest closed one, or the one starting at {@code start}. */
  public record WindowSelection(Mode mode, Instant start) {

    public enum Mode { CURRENT, CLOSED, AT }

    static final WindowSelection CURRENT = new WindowSelection(Mode.CURRENT, null);
    static final WindowSelection CLOSED = new WindowSelection(Mode.CLOSED, null);

    String label() {
      return mode.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
