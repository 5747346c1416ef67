package io.pulse.query.leaderboard;

import java.time.Instant;
import java.util.Map;

/**
 * A validated leaderboard request: the aggregation, which window (null = the latest), how many
 * entries, and equality filters on facet columns (type, country, plan).
 */
record LeaderboardQuery(String aggregation, Instant windowStart, int limit, Map<String, String> facetFilters) {}
