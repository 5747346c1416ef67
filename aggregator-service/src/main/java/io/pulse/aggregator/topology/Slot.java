package io.pulse.aggregator.topology;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.sketch.ApproxDistinct;
import io.pulse.contracts.sketch.ValueQuantiles;

/**
 * The smallest span a group's events are added to: a tumbling window, a hopping window's pane, a
 * session, or (sliding windows) one event time. A window's value is the total of the slots it
 * covers, so an event updates exactly one slot however many windows contain it. Mutable: a slot
 * lives only while its group's state is being updated, then it is written back to the store.
 */
final class Slot {

  static final long NONE = Long.MIN_VALUE;

  long start;
  long end;
  long count;
  long lastReceivedMs;
  /**
   * What only some aggregations keep, null until one does. A per-user sliding window holds a slot per
   * event time of two window sizes, hundreds per user, and a count needs only the four fields above:
   * 48 bytes a slot instead of 120, the largest part of the soak's live heap (docs/benchmark.md).
   */
  private Extras extras;

  Slot(long start, long end) {
    this.start = start;
    this.end = end;
  }

  void add(Contribution event) {
    count++;
    lastReceivedMs = Math.max(lastReceivedMs, event.receivedAtMs());
    if (event.value() != null || event.userHash() != null || event.firstVisit()) {
      extras().add(event);
    }
  }

  void addAll(Slot other) {
    count += other.count;
    lastReceivedMs = Math.max(lastReceivedMs, other.lastReceivedMs);
    if (other.extras != null) {
      extras().addAll(other.extras);
    }
  }

  /** True while the slot keeps only the four fields of a count. */
  boolean plain() {
    return extras == null;
  }

  private Extras extras() {
    if (extras == null) {
      extras = new Extras();
    }
    return extras;
  }

  /** The events with a value, and their sum, smallest and largest. */
  long valued() {
    return extras == null ? 0 : extras.valued;
  }

  double sum() {
    return extras == null ? 0 : extras.sum;
  }

  double min() {
    return extras == null ? Double.POSITIVE_INFINITY : extras.min;
  }

  double max() {
    return extras == null ? Double.NEGATIVE_INFINITY : extras.max;
  }

  void values(long valued, double sum, double min, double max) {
    Extras extras = extras();
    extras.valued = valued;
    extras.sum = sum;
    extras.min = min;
    extras.max = max;
  }

  /** Distinct users as a set (sessions, sliding and hopping windows) or as first visits counted upstream (tumbling). */
  DistinctUsers users() {
    return extras == null ? DistinctUsers.NONE : extras.users;
  }

  void users(DistinctUsers users) {
    extras().users = users;
  }

  long firstVisits() {
    return extras == null ? 0 : extras.firstVisits;
  }

  void firstVisits(long firstVisits) {
    extras().firstVisits = firstVisits;
  }

  /** The sketched measures' state, null unless the aggregation keeps one: fixed-size, whatever the events. */
  ValueQuantiles quantiles() {
    return extras == null ? null : extras.quantiles;
  }

  ApproxDistinct approxUsers() {
    return extras == null ? null : extras.approxUsers;
  }

  void sketches(ValueQuantiles quantiles, ApproxDistinct approxUsers) {
    Extras extras = extras();
    extras.quantiles = quantiles;
    extras.approxUsers = approxUsers;
  }

  /** Late events counted beside the window's value ({@code late: side}). */
  long lateCount() {
    return extras == null ? 0 : extras.lateCount;
  }

  void lateCount(long lateCount) {
    extras().lateCount = lateCount;
  }

  /** Sessions only: the span of the provisional row last emitted for this session, or NONE. */
  long emittedStart() {
    return extras == null ? NONE : extras.emittedStart;
  }

  long emittedEnd() {
    return extras == null ? NONE : extras.emittedEnd;
  }

  void emitted(long start, long end) {
    Extras extras = extras();
    extras.emittedStart = start;
    extras.emittedEnd = end;
  }

  boolean emitted() {
    return emittedStart() != NONE;
  }

  /** The sketch a row of this slot carries (base64), "" for measures kept without one. */
  String sketch() {
    ValueQuantiles quantiles = quantiles();
    ApproxDistinct approxUsers = approxUsers();
    return quantiles != null ? quantiles.toBase64() : approxUsers != null ? approxUsers.toBase64() : "";
  }

  double value(AggregationDefinition definition) {
    long valued = valued();
    return switch (definition.measure()) {
      case COUNT -> count;
      case SUM -> sum();
      case DISTINCT_USERS -> users().size() + firstVisits();
      case AVG -> valued == 0 ? 0 : sum() / valued;
      case MIN -> valued == 0 ? 0 : min();
      case MAX -> valued == 0 ? 0 : max();
      case PERCENTILES -> quantiles() == null ? 0 : quantiles().percentile(definition.rankingPercentile());
      case APPROX_DISTINCT_USERS -> approxUsers() == null ? 0 : approxUsers().estimate();
    };
  }

  /** The fields of a slot that a plain count does not need. */
  private static final class Extras {
    long valued;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    DistinctUsers users = DistinctUsers.NONE;
    long firstVisits;
    ValueQuantiles quantiles;
    ApproxDistinct approxUsers;
    long lateCount;
    long emittedStart = NONE;
    long emittedEnd = NONE;

    void add(Contribution event) {
      if (event.value() != null) {
        double value = event.value();
        sum += value;
        valued++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (event.sketch() == Measure.PERCENTILES) {
          quantiles().add(value);
        }
      }
      if (event.userHash() != null) {
        if (event.sketch() == Measure.APPROX_DISTINCT_USERS) {
          approxUsers().add(event.userHash());
        } else {
          users = users.with(event.userHash());
        }
      }
      if (event.firstVisit()) {
        firstVisits++;
      }
    }

    void addAll(Extras other) {
      sum += other.sum;
      valued += other.valued;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      users = users.union(other.users);
      if (other.quantiles != null) {
        quantiles().merge(other.quantiles);
      }
      if (other.approxUsers != null) {
        approxUsers().merge(other.approxUsers);
      }
      firstVisits += other.firstVisits;
      lateCount += other.lateCount;
    }

    private ValueQuantiles quantiles() {
      if (quantiles == null) {
        quantiles = ValueQuantiles.empty();
      }
      return quantiles;
    }

    private ApproxDistinct approxUsers() {
      if (approxUsers == null) {
        approxUsers = ApproxDistinct.empty();
      }
      return approxUsers;
    }
  }

  /**
   * One event's share of a slot: its time, value, arrival, for distinct users either the user (kept
   * in a set or, for a sketched measure, in its sketch) or whether it is the user's first visit to the
   * window (counted), and the sketched measure its value or user goes to (null: none).
   */
  record Contribution(long time, Double value, long receivedAtMs, Long userHash, boolean firstVisit, Measure sketch) {

    Contribution(long time, Double value, long receivedAtMs, Long userHash, boolean firstVisit) {
      this(time, value, receivedAtMs, userHash, firstVisit, null);
    }

    Contribution(long time, Double value, long receivedAtMs) {
      this(time, value, receivedAtMs, null, false, null);
    }
  }
}
