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
  double sum;
  /** The events with a value, and the smallest and largest of their values. */
  long valued;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  /** Distinct users as a set (sessions, sliding and hopping windows) or as first visits counted upstream (tumbling). */
  DistinctUsers users = DistinctUsers.NONE;
  long firstVisits;
  /** The sketched measures' state, null unless the aggregation keeps one: fixed-size, whatever the events. */
  ValueQuantiles quantiles;
  ApproxDistinct approxUsers;
  /** Late events counted beside the window's value ({@code late: side}). */
  long lateCount;
  long lastReceivedMs;
  /** Sessions only: the span of the provisional row last emitted for this session, or NONE. */
  long emittedStart = NONE;
  long emittedEnd = NONE;

  Slot(long start, long end) {
    this.start = start;
    this.end = end;
  }

  void add(Contribution event) {
    count++;
    if (event.value() != null) {
      double value = event.value();
      sum += value;
      valued++;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (event.value() != null && event.sketch() == Measure.PERCENTILES) {
      quantiles().add(event.value());
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
    lastReceivedMs = Math.max(lastReceivedMs, event.receivedAtMs());
  }

  void addAll(Slot other) {
    count += other.count;
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
    lastReceivedMs = Math.max(lastReceivedMs, other.lastReceivedMs);
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

  /** The sketch a row of this slot carries (base64), "" for measures kept without one. */
  String sketch() {
    return quantiles != null ? quantiles.toBase64() : approxUsers != null ? approxUsers.toBase64() : "";
  }

  boolean emitted() {
    return emittedStart != NONE;
  }

  double value(AggregationDefinition definition) {
    return switch (definition.measure()) {
      case COUNT -> count;
      case SUM -> sum;
      case DISTINCT_USERS -> users.size() + firstVisits;
      case AVG -> valued == 0 ? 0 : sum / valued;
      case MIN -> valued == 0 ? 0 : min;
      case MAX -> valued == 0 ? 0 : max;
      case PERCENTILES -> quantiles == null ? 0 : quantiles.percentile(definition.rankingPercentile());
      case APPROX_DISTINCT_USERS -> approxUsers == null ? 0 : approxUsers.estimate();
    };
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
