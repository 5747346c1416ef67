package io.pulse.aggregator.config;

import io.pulse.contracts.aggregation.AggregationDefinition;
import io.pulse.contracts.aggregation.AggregationDefinition.WindowSpec;
import io.pulse.contracts.aggregation.Dimensions;
import io.pulse.contracts.aggregation.LatePolicy;
import io.pulse.contracts.aggregation.Measure;
import io.pulse.contracts.aggregation.WindowType;
import java.time.Duration;
import java.util.List;

/** Start-up checks that turn a wrong aggregation declaration into a message naming what to fix. */
final class AggregationValidator {

  private AggregationValidator() {}

  static void validate(AggregationDefinition d) {
    String name = d.name();
    require(name != null && name.matches("[a-z0-9][a-z0-9-]{0,62}"),
        "aggregation name '" + name + "' must be 1-63 lower-case letters, digits or '-'");
    String at = "aggregation '" + name + "': ";
    require(d.groupBy() != null && Dimensions.isGroupable(d.groupBy()),
        at + "group-by '" + d.groupBy() + "' must be one of " + Dimensions.FIXED + " or properties.<key>");
    for (String facet : d.facets()) {
      require(Dimensions.FACETS.contains(facet), at + "facet '" + facet + "' must be one of " + Dimensions.FACETS);
    }
    require(d.measure() != null,
        at + "measure is required (count, sum, avg, min, max, percentiles, distinct-users, approx-distinct-users)");
    // The query API adds a group's facet rows up (a board without facet filters): right for counts
    // and sums, not for an average, an extreme or a sketch, so those are declared without facets for now.
    require(!(List.of(Measure.AVG, Measure.MIN, Measure.MAX).contains(d.measure()) || d.measure().sketched())
            || d.facets().isEmpty(),
        at + "measure " + d.measure().declaredName() + " cannot be split by facets yet; declare it without facets");
    require(d.emit() != null, at + "emit is required (updates or final)");
    require(d.grace() != null && !d.grace().isNegative(), at + "grace must be zero or positive");
    require(d.allowedLateness() != null && !d.allowedLateness().isNegative(), at + "allowed-lateness must be zero or positive");
    require(d.late() == LatePolicy.RECORD || d.allowedLateness().isPositive(),
        at + "late: " + d.late().name().toLowerCase() + " needs a positive allowed-lateness, e.g. 10m");
    for (double percentile : d.percentiles()) {
      require(percentile >= 0 && percentile <= 100, at + "percentile " + percentile + " must lie within 0-100");
    }
    WindowSpec w = d.window();
    require(w != null && w.type() != null, at + "window.type is required (tumbling, hopping, sliding, session)");
    switch (w.type()) {
      case TUMBLING, SLIDING -> positive(w.size(), at + "window.size");
      case HOPPING -> {
        positive(w.size(), at + "window.size");
        positive(w.advance(), at + "window.advance");
        require(w.advance().compareTo(w.size()) <= 0, at + "window.advance must not exceed window.size");
      }
      case SESSION -> positive(w.gap(), at + "window.gap");
    }
    require(d.late() != LatePolicy.SIDE || w.type() == WindowType.TUMBLING || w.type() == WindowType.HOPPING,
        at + "late: side counts late events beside tumbling or hopping windows; use amend or record for " + w.type().name()
            .toLowerCase() + " windows");
    // A sliding window's value is summed from one slot per event time; a sketch in each would cost
    // kilobytes per event, so sketched measures are kept per tumbling, hopping or session window.
    require(!d.measure().sketched() || w.type() != WindowType.SLIDING,
        at + "measure " + d.measure().declaredName() + " is kept per tumbling, hopping or session"
            + " window, not per sliding window; a hopping window with a small advance gives the same view");
  }

  private static void positive(Duration duration, String what) {
    require(duration != null && duration.isPositive(), what + " must be a positive duration, e.g. 1m");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
