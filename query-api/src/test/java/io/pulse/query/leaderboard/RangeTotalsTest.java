package io.pulse.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.contracts.aggregation.Measure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parts combine as ClickHouse combines rows, and rank as its ORDER BY val DESC, group_key ASC does. */
class RangeTotalsTest {

  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant END = START.plusSeconds(3600);

  @Test
  void partsCombineByMeasureAndEverythingElseAddsUp() {
    RangeTotals totals = new RangeTotals(Measure.MIN);
    totals.add(new GroupRow("a", 5, 2, 3, true, false, 0));
    totals.add(new GroupRow("a", -1, 4, 2, true, true, 2));
    totals.add(new GroupRow("b", 3, 1, 1, false, false, 1));
    List<Leaderboard.Entry> entries = totals.top(10, true, START, END);
    assertThat(entries).containsExactly(
        new Leaderboard.Entry(1, "b", 3, 1, 1, false, false, 1, START, END),
        new Leaderboard.Entry(2, "a", -1, 6, 5, true, true, 2, START, END));
    assertThat(totals.anyProvisional()).isTrue();
    assertThat(totals.top(10, false, START, END)).allMatch(entry -> !entry.isFinal());
  }

  @Test
  void tiesRankByKeyInUtf8ByteOrderAndMinusZeroTiesZero() {
    RangeTotals totals = new RangeTotals(Measure.SUM);
    // U+FF5E sorts before U+1F600 in UTF-8 (and code points), after it in UTF-16 units.
    for (String key : List.of("\uD83D\uDE00", "\uFF5E", "b", "a")) {
      totals.add(new GroupRow(key, 7, 1, 1, true, false, 0));
    }
    totals.add(new GroupRow("z", 0.0, 1, 1, true, false, 0));
    totals.add(new GroupRow("y", -0.0, 1, 1, true, false, 0));
    assertThat(totals.top(10, true, START, END)).extracting(Leaderboard.Entry::key)
        .containsExactly("a", "b", "\uFF5E", "\uD83D\uDE00", "y", "z");
    assertThat(totals.top(2, true, START, END)).extracting(Leaderboard.Entry::key).containsExactly("a", "b");
  }
}
