package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.WindowType;
import io.pulse.query.QueryProperties;
import io.pulse.query.aggregations.AggregationCatalog;
import io.pulse.query.aggregations.FacetFilters;
import io.pulse.query.leaderboard.LeaderboardQuery.WindowSelection;
import io.pulse.query.web.BadQueryException;
import io.pulse.query.web.RequestParams;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns raw leaderboard parameters into a {@link LeaderboardQuery}, for REST and SSE alike. */
@Component
public class LeaderboardRequests {

  private final AggregationCatalog catalog;
  private final QueryProperties properties;

  LeaderboardRequests(AggregationCatalog catalog, QueryProperties properties) {
    this.catalog = catalog;
    this.properties = properties;
  }

  public LeaderboardQuery parse(String aggregation, LeaderboardParameters parameters) {
    AggregationDefinition definition = catalog.require(aggregation);
    if (definition.window().type() == WindowType.SESSION) {
      throw new BadQueryException("aggregation", "session-aggregation",
          "'" + definition.name() + "' is a session aggregation: every session is its own window, so there is no"
              + " common window to rank; use /v1/aggregations/" + definition.name() + "/sessions");
    }
    BoardRange range = RangeRequests.parse(definition, parameters, properties.rangeBoards().maxRange());
    int limit = RequestParams.boundedInt("limit", parameters.limit(), properties.defaultLimit(), 1, properties.maxLimit());
    Map<String, String> filters = FacetFilters.parse(definition, parameters);
    WindowSelection selection = range != null ? WindowSelection.of(range) : selection(parameters);
    return new LeaderboardQuery(definition.name(), selection, limit, filters);
  }

  private static WindowSelection selection(LeaderboardParameters parameters) {
    String window = parameters.window();
    Instant start = RequestParams.time("windowStart", parameters.windowStart());
    if (start != null) {
      if (window != null && !window.equalsIgnoreCase("at")) {
        throw new BadQueryException("window", "conflicting-window", "give either window=current|closed or windowStart, not both");
      }
      return new WindowSelection(WindowSelection.Mode.AT, start);
    }
    if (window == null) {
      return WindowSelection.CURRENT;
    }
    return switch (window.toLowerCase(Locale.ROOT)) {
      case "current", "latest" -> WindowSelection.CURRENT;
      case "closed" -> WindowSelection.CLOSED;
      default -> throw new BadQueryException("window", "invalid-window",
          "window must be 'current' (the newest, provisional window) or 'closed' (the newest final one);"
              + " for a given window use windowStart");
    };
  }
}
