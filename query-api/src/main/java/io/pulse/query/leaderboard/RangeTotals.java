package io.pulse.query.leaderboard;

import io.pulse.contracts.aggregation.Measure;
import io.pulse.query.window.MeasureCombining;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A range board's groups combined in Java from parts (cached windows, windows read one by one, windows read
 * combined), the same way {@link LeaderboardRepository#rangeTop} combines rows in ClickHouse: the measure as
 * {@link MeasureCombining} says, counts, revisions and late counts added, final when every part is, amended when
 * any is; ranked as its SQL ranks (value descending, then key in byte order).
 */
final class RangeTotals {

  /**
   * ClickHouse's ORDER BY val DESC, group_key ASC: -0.0 and 0.0 tie (adding 0.0 turns -0.0 into 0.0 for
   * Double.compare), and strings compare as UTF-8 bytes, which is code point order, not UTF-16 order.
   */
  static final Comparator<GroupRow> RANKING = Comparator
      .<GroupRow>comparingDouble(group -> -(group.value() + 0.0))
      .thenComparing(GroupRow::key, RangeTotals::compareCodePoints);

  private final Measure measure;
  private final Map<String, Total> totals = new HashMap<>();
  private boolean anyProvisional;

  RangeTotals(Measure measure) {
    this.measure = measure;
  }

  void add(GroupRow part) {
    anyProvisional |= !part.isFinal();
    Total total = totals.get(part.key());
    if (total == null) {
      totals.put(part.key(), new Total(part));
    } else {
      total.add(part, measure);
    }
  }

  /** True when any part of any group was provisional (not only those ranked). */
  boolean anyProvisional() {
    return anyProvisional;
  }

  /** The top {@code limit} groups; an entry is final when the range is {@code closed} and all its parts are. */
  List<Leaderboard.Entry> top(int limit, boolean closed, Instant start, Instant end) {
    PriorityQueue<GroupRow> kept = new PriorityQueue<>(limit + 1, RANKING.reversed());
    for (Total total : totals.values()) {
      kept.add(total.row());
      if (kept.size() > limit) {
        kept.poll();
      }
    }
    List<GroupRow> ranked = new ArrayList<>(kept);
    ranked.sort(RANKING);
    List<Leaderboard.Entry> entries = new ArrayList<>(ranked.size());
    for (GroupRow group : ranked) {
      entries.add(new Leaderboard.Entry(entries.size() + 1, group.key(), group.value(), group.count(), group.revision(),
          closed && group.isFinal(), group.amended(), group.lateCount(), start, end));
    }
    return entries;
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static final class Total {
    private final String key;
    private double value;
    private long count;
    private long revision;
    private boolean isFinal;
    private boolean amended;
    private long lateCount;

    Total(GroupRow first) {
      key = first.key();
      value = first.value();
      count = first.count();
      revision = first.revision();
      isFinal = first.isFinal();
      amended = first.amended();
      lateCount = first.lateCount();
    }

    void add(GroupRow part, Measure measure) {
      value = MeasureCombining.combine(measure, value, part.value());
      count += part.count();
      revision += part.revision();
      isFinal &= part.isFinal();
      amended |= part.amended();
      lateCount += part.lateCount();
    }

    GroupRow row() {
      return new GroupRow(key, value, count, revision, isFinal, amended, lateCount);
    }
  }
}
