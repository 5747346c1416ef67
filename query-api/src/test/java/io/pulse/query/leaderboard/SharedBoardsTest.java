package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.clickhouse.ClickHouse;
import io.pulse.query.ClickHouseTestSupport;
import io.pulse.query.TestData;
import io.pulse.query.TestData.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Identical board requests share one read for board-ttl; after it, the shared answer is served while one
 * background read refreshes it, and the board shows the change without any request waiting for a read.
 */
@SpringBootTest(properties = "pulse.query.board-ttl=2s")
class SharedBoardsTest {

  private static final String BOARD = "shared-board";
  private static final Instant WINDOW = Instant.parse("2026-02-01T10:00:00Z");

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired LeaderboardService boards;
  @Autowired ClickHouse clickHouse;
  @Autowired MeterRegistry registry;

  @Test
  void identicalRequestsShareOneAnswerUntilItExpires() {
    TestData.tumbling(clickHouse, BOARD, "[]");
    TestData.insert(clickHouse, Row.of(BOARD, WINDOW, 60_000, "p1", 3, 1).withWatermark(WINDOW));
    LeaderboardQuery query = new LeaderboardQuery(BOARD,
        new LeaderboardQuery.WindowSelection(LeaderboardQuery.WindowSelection.Mode.CURRENT, null), 10, Map.of());
    double hitsBefore = hits();

    double missesBefore = misses();
    assertThat(boards.board(query).entries().getFirst().value()).isEqualTo(3.0);
    TestData.insert(clickHouse, Row.of(BOARD, WINDOW, 60_000, "p1", 8, 2).withWatermark(WINDOW));

    assertThat(boards.board(query).entries().getFirst().value()).as("shared within the TTL").isEqualTo(3.0);
    assertThat(hits()).isEqualTo(hitsBefore + 1);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> boards.board(query).entries().getFirst().value() == 8.0);
    // Refresh ahead: only the first request missed; the change came in by a background read, none waited.
    assertThat(misses()).isEqualTo(missesBefore + 1);
  }

  private double misses() {
    return registry.get("cache.gets").tag("cache", "leaderboards").tag("result", "miss").functionCounter().count();
  }

  private double hits() {
    return registry.get("cache.gets").tag("cache", "leaderboards").tag("result", "hit").functionCounter().count();
  }
}
