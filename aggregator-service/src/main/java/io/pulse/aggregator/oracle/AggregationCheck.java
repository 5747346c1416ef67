package io.pulse.aggregator.oracle;

import java.util.List;

/**
 * The oracle's verdict for one tumbling aggregation over the checked range.
 *
 * @param windows             (window, key) rows compared
 * @param expectedEvents      events the raw table says the aggregation should count
 * @param countedEvents       events the final rows count
 * @param lostEvents          events missing from the final rows, summed over rows
 * @param doubleCountedEvents events counted more often than they exist, summed over rows
 * @param lateEvents          events recorded in late_events for this aggregation (excluded from the recount)
 * @param pendingWindows      rows whose newest revision is not final yet (not judged)
 * @param differences         every differing final or missing row (at most {@link CorrectnessOracle#MAX_DIFFERENCES})
 */
public record AggregationCheck(String aggregation, long windows, long expectedEvents, long countedEvents, long lostEvents,
    long doubleCountedEvents, long lateEvents, long pendingWindows, List<Difference> differences) {}
